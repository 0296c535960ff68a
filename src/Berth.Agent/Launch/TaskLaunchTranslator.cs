using Berth.AgentProtocol;
using Berth.Agent.Tasks;

namespace Berth.Agent.Launch;

/// <summary>Turns a task the control plane assigned (task, overrides and task definition) into what a task actor runs.</summary>
public static class TaskLaunchTranslator
{
    /// <summary>The launch for <paramref name="assignment"/>; throws <see cref="UnsupportedTaskException"/> naming every
    /// field the agent cannot honour, so such a task fails instead of running differently than defined.</summary>
    public static TaskLaunch Translate(TaskAssignment assignment) =>
        throw new UnsupportedTaskException(["Translation is not written yet."]);
}

/// <summary>A task uses fields the agent cannot run; the messages name them.</summary>
public sealed class UnsupportedTaskException(IReadOnlyList<string> problems)
    : Exception(string.Join(" ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
