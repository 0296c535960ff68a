using System.Collections.Concurrent;
using Berth.Agent.Host;
using Berth.AgentProtocol;

namespace Berth.Bench;

/// <summary>Stands in for the task supervisor: the channel acknowledges every payload as a real agent does, but no container
/// is started, so a load run measures the control plane rather than Docker. Counts the distinct tasks delivered.</summary>
public sealed class AcknowledgingSink : IAssignmentSink
{
    private readonly ConcurrentDictionary<string, byte> delivered = new(StringComparer.Ordinal);

    /// <summary>Distinct tasks this instance has been sent.</summary>
    public int Delivered => delivered.Count;

    public void Apply(PayloadMessage payload)
    {
        foreach (var assignment in payload.Tasks)
        {
            if (assignment.Task.TaskArn is { } arn)
            {
                delivered.TryAdd(arn, 0);
            }
        }
    }
}
