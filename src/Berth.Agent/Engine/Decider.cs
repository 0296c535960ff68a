namespace Berth.Agent.Engine;

/// <summary>Reads a settled task state and lists what should happen next; pure, so deciding twice on one state gives the same list.</summary>
internal static class Decider
{
    /// <summary>Every action due for <paramref name="task"/>, in a fixed order so the same state always gives the same list.</summary>
    /// <remarks>
    /// In a fixed order: task hooks, then one Docker step per container (spec order) that is allowed by dependencies
    /// and the stop order and has nothing in flight, then start-timeout timers, then reports of whatever changed since
    /// the last dispatched report (containers first, then the task). Anything already in flight is never listed.
    /// </remarks>
    public static IReadOnlyList<EngineAction> Decide(TaskState task, EngineOptions options)
    {
        var actions = new List<EngineAction>();
        if (task.KnownStatus == TaskStatus.Deactivating && task.Deactivation == HookProgress.NotStarted)
        {
            actions.Add(new EngineAction.RunDeactivation());
        }
        if (task.KnownStatus == TaskStatus.Deprovisioning && task.Deprovisioning == HookProgress.NotStarted)
        {
            actions.Add(new EngineAction.RunDeprovisioning());
        }
        foreach (var spec in task.Spec.Containers)
        {
            if (ContainerAction(task, spec, options) is { } action)
            {
                actions.Add(action);
            }
        }
        foreach (var spec in task.Spec.Containers)
        {
            if (!task.Container(spec.Name).StartTimeoutArmed && DependencyRules.WatchedDeadline(task, spec) is { } deadline)
            {
                actions.Add(new EngineAction.ArmStartTimeout(spec.Name, deadline));
            }
        }
        foreach (var container in task.Containers)
        {
            var report = ContainerReport(container);
            if (report != container.LastReport)
            {
                actions.Add(report);
            }
        }
        var taskReport = TaskReport(task);
        if (taskReport != task.LastReport)
        {
            actions.Add(taskReport);
        }
        return actions;
    }

    /// <summary>The container's next Docker step if it may be taken now: dependencies gate pull, create and start; the stop order and deactivation gate stop.</summary>
    public static EngineAction? ContainerAction(TaskState task, ContainerSpec spec, EngineOptions options)
    {
        var container = task.Container(spec.Name);
        if (container.InFlight is not null)
        {
            return null;
        }
        return ContainerTransitions.Next(container.KnownStatus, container.DesiredStatus) switch
        {
            ContainerStep.Pull when options.PullDependentsUpfront || DependencyRules.AllSatisfied(task, spec, DependencyGate.Create)
                => new EngineAction.PullImage(spec.Name),
            ContainerStep.Create when DependencyRules.AllSatisfied(task, spec, DependencyGate.Create)
                => new EngineAction.CreateContainer(spec.Name),
            ContainerStep.Start when DependencyRules.AllSatisfied(task, spec, DependencyGate.Start)
                => new EngineAction.StartContainer(spec.Name),
            ContainerStep.Stop when task.KnownStatus != TaskStatus.Deactivating && ShutdownOrder.CanStop(task, spec.Name)
                => new EngineAction.StopContainer(spec.Name, spec.StopTimeout ?? options.DefaultStopTimeout),
            _ => null,
        };
    }

    /// <summary>What the control plane should know about a container: wire status, exit code, reason, health.</summary>
    public static EngineAction.ReportContainerStatus ContainerReport(ContainerState container) =>
        new(container.Name, container.KnownStatus.ToWire(), container.ExitCode, container.Reason, container.Health);

    /// <summary>What the control plane should know about the task: status, desired status, health and why it stops.</summary>
    public static EngineAction.ReportTaskStatus TaskReport(TaskState task) =>
        new(task.KnownStatus, task.DesiredStatus, task.Health, task.StopCode, task.StoppedReason);
}
