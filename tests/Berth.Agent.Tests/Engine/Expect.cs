using Berth.Agent.Engine;
using TaskStatus = Berth.Agent.Engine.TaskStatus;
using System.Text;

namespace Berth.Agent.Tests.Engine;

/// <summary>Assertions whose failure messages name the phase and the container, so a red test says where the engine went wrong.</summary>
internal static class Expect
{
    /// <summary>The exact action list, in order.</summary>
    public static void Actions(string phase, IReadOnlyList<EngineAction> actual, params EngineAction[] expected)
    {
        if (!actual.SequenceEqual(expected))
        {
            Assert.Fail($"{phase}: expected actions{Format(expected)}{Environment.NewLine}but got{Format(actual)}");
        }
    }

    /// <summary>Only the Docker steps (pull, create, start, stop), in order; reports and timers ignored.</summary>
    public static void DockerActions(string phase, IReadOnlyList<EngineAction> actual, params EngineAction[] expected) =>
        Actions(phase, [.. actual.Where(IsDocker)], expected);

    public static void Container(string phase, TaskState task, string name, ContainerStatus known, DesiredStatus? desired = null)
    {
        var container = task.Container(name);
        Assert.True(container.KnownStatus == known,
            $"{phase}: container {name} expected known status {known} but was {container.KnownStatus}");
        if (desired is { } d)
        {
            Assert.True(container.DesiredStatus == d,
                $"{phase}: container {name} expected desired status {d} but was {container.DesiredStatus}");
        }
    }

    public static void Task(string phase, TaskState task, TaskStatus known, DesiredStatus desired, TaskStopCode? stopCode = null, string? stoppedReason = null)
    {
        Assert.True(task.KnownStatus == known, $"{phase}: task expected status {known} but was {task.KnownStatus}");
        Assert.True(task.DesiredStatus == desired, $"{phase}: task expected desired status {desired} but was {task.DesiredStatus}");
        Assert.True(task.StopCode == stopCode, $"{phase}: task expected stop code {stopCode?.ToString() ?? "none"} but was {task.StopCode?.ToString() ?? "none"}");
        Assert.True(task.StoppedReason == stoppedReason,
            $"{phase}: task expected stopped reason '{stoppedReason ?? "none"}' but was '{task.StoppedReason ?? "none"}'");
    }

    public static bool IsDocker(EngineAction action) =>
        action is EngineAction.PullImage or EngineAction.CreateContainer or EngineAction.StartContainer or EngineAction.StopContainer;

    private static string Format(IEnumerable<EngineAction> actions)
    {
        var text = new StringBuilder();
        foreach (var action in actions)
        {
            text.Append(Environment.NewLine).Append("  ").Append(action);
        }
        return text.Length == 0 ? " (none)" : text.ToString();
    }
}
