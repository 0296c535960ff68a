using Berth.AgentProtocol;

namespace Berth.Agent.Host;

/// <summary>Where the channel hands each payload before acknowledging it: the task supervisor in the agent, an
/// acknowledge-only stand-in in load runs that must not start containers.</summary>
public interface IAssignmentSink
{
    void Apply(PayloadMessage payload);
}
