namespace Berth.Agent.Engine;

/// <summary>When dependsOn lets a dependent proceed, when it must wait, and when it can never start; pure over the task's state.</summary>
internal static class DependencyRules
{
    /// <summary>Where one dependsOn entry stands for a dependent at <paramref name="gate"/>.</summary>
    /// <remarks>
    /// One condition at one gate. COMPLETE, SUCCESS and HEALTHY are checked before the dependent is created and count as
    /// met afterwards (ECS checks them at startup only); START lets the dependent be created once the dependency was
    /// created and start once it runs, or ran. A dependency that stopped without ever running fails every condition.
    /// </remarks>
    public static DependencyOutcome Evaluate(DependencyCondition condition, ContainerSpec dependency, ContainerState state, DependencyGate gate)
    {
        if (gate == DependencyGate.Start && condition != DependencyCondition.Start)
        {
            return DependencyOutcome.Satisfied;
        }
        var stopped = state.KnownStatus == ContainerStatus.Stopped;
        if (stopped && !state.HasRun)
        {
            return DependencyOutcome.Failed;
        }
        return condition switch
        {
            DependencyCondition.Start => state.KnownStatus >= (gate == DependencyGate.Create ? ContainerStatus.Created : ContainerStatus.Running)
                ? DependencyOutcome.Satisfied
                : DependencyOutcome.Waiting,
            DependencyCondition.Complete => stopped ? DependencyOutcome.Satisfied : DependencyOutcome.Waiting,
            DependencyCondition.Success => !stopped ? DependencyOutcome.Waiting
                : state.ExitCode == 0 ? DependencyOutcome.Satisfied
                : DependencyOutcome.Failed,
            DependencyCondition.Healthy => !dependency.HasHealthCheck || stopped ? DependencyOutcome.Failed
                : state.Health == HealthStatus.Healthy ? DependencyOutcome.Satisfied
                : DependencyOutcome.Waiting,
            _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, "Unknown dependency condition."),
        };
    }

    /// <summary>The gate a dependent at <paramref name="known"/> is at: its pull and create share one gate, its start has its own.</summary>
    public static DependencyGate GateFor(ContainerStatus known) =>
        known < ContainerStatus.Created ? DependencyGate.Create : DependencyGate.Start;

    /// <summary>Whether every dependency of <paramref name="dependent"/> is met at <paramref name="gate"/>.</summary>
    public static bool AllSatisfied(TaskState task, ContainerSpec dependent, DependencyGate gate) =>
        dependent.DependsOn.All(d => Evaluate(d.Condition, task.Spec.Container(d.ContainerName), task.Container(d.ContainerName), gate) == DependencyOutcome.Satisfied);

    /// <summary>When waiting on this dependency stops being allowed (its start + start timeout); null when nothing bounds the wait.</summary>
    /// <remarks>Only COMPLETE, SUCCESS and HEALTHY are bounded, and only while the dependency has not stopped (a stopped one has decided).</remarks>
    public static DateTimeOffset? Deadline(DependencyCondition condition, ContainerSpec dependency, ContainerState state)
    {
        if (condition == DependencyCondition.Start || state.KnownStatus == ContainerStatus.Stopped)
        {
            return null;
        }
        if (dependency.StartTimeout is not { } timeout || timeout <= TimeSpan.Zero || state.StartedAt is not { } started)
        {
            return null;
        }
        return started + timeout;
    }

    /// <summary>Why <paramref name="dependent"/> can never start, or null while it still can.</summary>
    /// <remarks>
    /// For a dependent desired RUNNING and not yet running:
    /// a dependency that can no longer meet its condition, or one that is still unmet at its deadline (a met condition
    /// wins over an expired deadline). Deadlines only bind dependents not yet created.
    /// </remarks>
    public static string? FailureReason(TaskState task, ContainerSpec dependent, DateTimeOffset now)
    {
        var gate = GateFor(task.Container(dependent.Name).KnownStatus);
        foreach (var dependency in dependent.DependsOn)
        {
            var spec = task.Spec.Container(dependency.ContainerName);
            var state = task.Container(dependency.ContainerName);
            var outcome = Evaluate(dependency.Condition, spec, state, gate);
            if (outcome == DependencyOutcome.Failed)
            {
                return Reasons.DependencyFailed(dependent.Name, spec.Name, dependency.Condition);
            }
            if (outcome == DependencyOutcome.Waiting && gate == DependencyGate.Create
                && Deadline(dependency.Condition, spec, state) is { } deadline && now >= deadline)
            {
                return Reasons.DependencyTimedOut(dependent.Name, spec.Name, dependency.Condition, spec.StartTimeout!.Value);
            }
        }
        return null;
    }

    /// <summary>The deadline a timer must watch for <paramref name="dependency"/>: some dependent still waits on it under a start timeout; null when none does.</summary>
    public static DateTimeOffset? WatchedDeadline(TaskState task, ContainerSpec dependency)
    {
        var state = task.Container(dependency.Name);
        foreach (var dependent in task.Spec.Containers)
        {
            var dependentState = task.Container(dependent.Name);
            if (dependentState.DesiredStatus != DesiredStatus.Running || dependentState.KnownStatus >= ContainerStatus.Created)
            {
                continue;
            }
            foreach (var entry in dependent.DependsOn)
            {
                if (string.Equals(entry.ContainerName, dependency.Name, StringComparison.Ordinal)
                    && Evaluate(entry.Condition, dependency, state, DependencyGate.Create) == DependencyOutcome.Waiting
                    && Deadline(entry.Condition, dependency, state) is { } deadline)
                {
                    return deadline;
                }
            }
        }
        return null;
    }
}
