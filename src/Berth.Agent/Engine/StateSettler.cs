namespace Berth.Agent.Engine;

/// <summary>Works out what follows from the facts after every event, so the state Decide sees is always consistent.</summary>
internal static class StateSettler
{
    /// <summary>The state with every consequence of the facts in it worked out, so Decide never has to infer anything.</summary>
    /// <remarks>
    /// In order: a stopping task stops all its containers; containers that never ran and are not wanted are recorded
    /// stopped; a dependent that can never start fails the task (then the first two run again); finally status, health
    /// and timestamps are derived. Pure: the same state and instant give the same result, and settling twice changes nothing.
    /// </remarks>
    public static TaskState Settle(TaskState task, DateTimeOffset now)
    {
        task = MarkNeverRunStopped(PropagateStop(task));
        if (task.DesiredStatus == DesiredStatus.Running)
        {
            task = FailUnstartableDependent(task, now);
            task = MarkNeverRunStopped(PropagateStop(task));
        }
        return DeriveTaskFields(task, now);
    }

    private static TaskState PropagateStop(TaskState task) =>
        task.DesiredStatus == DesiredStatus.Running || task.Containers.All(c => c.DesiredStatus == DesiredStatus.Stopped)
            ? task
            : task with { Containers = [.. task.Containers.Select(c => c with { DesiredStatus = DesiredStatus.Stopped })] };

    /// <summary>A container with nothing in flight that is not wanted and never started needs no Docker call to be stopped.</summary>
    private static TaskState MarkNeverRunStopped(TaskState task)
    {
        foreach (var container in task.Containers)
        {
            if (container.InFlight is null
                && ContainerTransitions.Next(container.KnownStatus, container.DesiredStatus) == ContainerStep.MarkStopped)
            {
                task = task.With(container with { KnownStatus = ContainerStatus.Stopped });
            }
        }
        return task;
    }

    /// <summary>The first dependent (in spec order) whose dependencies can no longer be met gets the reason and fails the task to start.</summary>
    private static TaskState FailUnstartableDependent(TaskState task, DateTimeOffset now)
    {
        foreach (var spec in task.Spec.Containers)
        {
            var container = task.Container(spec.Name);
            if (container.DesiredStatus != DesiredStatus.Running || container.KnownStatus >= ContainerStatus.Running)
            {
                continue;
            }
            if (DependencyRules.FailureReason(task, spec, now) is { } reason)
            {
                task = task.With(container with { DesiredStatus = DesiredStatus.Stopped, Reason = container.Reason ?? reason });
                return EventFold.StopTask(task, TaskStopCode.TaskFailedToStart, reason, now);
            }
        }
        return task;
    }

    private static TaskState DeriveTaskFields(TaskState task, DateTimeOffset now)
    {
        var status = TaskStatusDerivation.Derive(task);
        return task with
        {
            KnownStatus = status,
            Health = TaskHealthDerivation.Derive(task),
            StartedAt = task.StartedAt ?? (status == TaskStatus.Running ? now : null),
            ExecutionStoppedAt = task.ExecutionStoppedAt ?? (task.AllContainersStopped ? now : null),
            StoppedAt = task.StoppedAt ?? (status == TaskStatus.Stopped ? now : null),
        };
    }
}
