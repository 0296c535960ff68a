namespace Berth.Agent.Engine;

/// <summary>Folds one observed event into the task state: the direct effect only; what follows from it is <see cref="StateSettler"/>'s job.</summary>
internal static class EventFold
{
    /// <summary>The state after <paramref name="ev"/>, observed at <paramref name="now"/>; duplicate and late events leave it as it was.</summary>
    public static TaskState Apply(TaskState task, EngineEvent ev, DateTimeOffset now) => ev switch
    {
        EngineEvent.Dispatched e => ApplyDispatched(task, e.Actions, now),
        EngineEvent.Pulled e when IsStale(task, e.Container, ContainerStatus.Pulled, ContainerOperation.Pull) => task,
        EngineEvent.Pulled e => Update(task, e.Container, c => c with
        {
            KnownStatus = Max(c.KnownStatus, ContainerStatus.Pulled),
            InFlight = Finish(c, ContainerOperation.Pull),
            PullStoppedAt = now,
        }) with { PullStoppedAt = now },
        EngineEvent.PullFailed e when !Awaits(task, e.Container, ContainerOperation.Pull) => task,
        EngineEvent.PullFailed e => Fail(task, e.Container, ContainerOperation.Pull, Reasons.CannotPull(e.Error), failsTask: true, now) with { PullStoppedAt = now },
        EngineEvent.Created e when IsStale(task, e.Container, ContainerStatus.Created, ContainerOperation.Create) => task,
        EngineEvent.Created e => Update(task, e.Container, c => c with
        {
            KnownStatus = Max(c.KnownStatus, ContainerStatus.Created),
            InFlight = Finish(c, ContainerOperation.Create),
            RuntimeId = e.RuntimeId,
            CreatedAt = c.CreatedAt ?? now,
        }),
        EngineEvent.CreateFailed e when !Awaits(task, e.Container, ContainerOperation.Create) => task,
        EngineEvent.CreateFailed e => Fail(task, e.Container, ContainerOperation.Create, Reasons.CannotCreate(e.Error), failsTask: false, now),
        EngineEvent.Started e when IsStale(task, e.Container, ContainerStatus.Running, ContainerOperation.Start) => task,
        EngineEvent.Started e => Update(task, e.Container, c => c with
        {
            KnownStatus = Max(c.KnownStatus, ContainerStatus.Running),
            InFlight = Finish(c, ContainerOperation.Start),
            StartedAt = c.StartedAt ?? now,
        }),
        EngineEvent.StartFailed e when !Awaits(task, e.Container, ContainerOperation.Start) => task,
        EngineEvent.StartFailed e => Fail(task, e.Container, ContainerOperation.Start, Reasons.CannotStart(e.Error), failsTask: false, now),
        EngineEvent.Exited e => ApplyExited(task, e, now),
        EngineEvent.StopFailed e => Update(task, e.Container, c => c with { InFlight = Finish(c, ContainerOperation.Stop) }),
        EngineEvent.HealthChanged e => task.Spec.Container(e.Container).HasHealthCheck
            ? Update(task, e.Container, c => c with { Health = e.Status })
            : task,
        EngineEvent.StopRequested e => StopTask(task, e.StopCode, e.Reason ?? Reasons.TaskStoppedByUser, now),
        EngineEvent.DependencyTimedOut e => Update(task, e.Container, c => c with { StartTimeoutArmed = false }),
        EngineEvent.DeactivationDone => task with { Deactivation = HookProgress.Done },
        EngineEvent.DeprovisioningDone => task with { Deprovisioning = HookProgress.Done },
        null => throw new ArgumentNullException(nameof(ev)),
        _ => throw new ArgumentOutOfRangeException(nameof(ev), ev, "Unknown engine event."),
    };

    /// <summary>Sets desired STOPPED with its code and reason, unless the task is already stopping: the first reason is the one ECS keeps.</summary>
    public static TaskState StopTask(TaskState task, TaskStopCode code, string reason, DateTimeOffset now) =>
        task.DesiredStatus == DesiredStatus.Stopped
            ? task
            : task with { DesiredStatus = DesiredStatus.Stopped, StopCode = code, StoppedReason = reason, StoppingAt = now };

    private static TaskState ApplyExited(TaskState task, EngineEvent.Exited e, DateTimeOffset now)
    {
        var container = task.Container(e.Container);
        if (container.KnownStatus == ContainerStatus.Stopped && container.InFlight != ContainerOperation.Stop)
        {
            return task; // Docker reports a death more than once; the first report is the one that counts.
        }
        task = task.With(container with
        {
            KnownStatus = ContainerStatus.Stopped,
            DesiredStatus = DesiredStatus.Stopped,
            InFlight = Finish(container, ContainerOperation.Stop), // a start still awaited keeps waiting for its own outcome
            ExitCode = e.ExitCode ?? container.ExitCode,
            Reason = container.Reason ?? (e.Reason is null ? null : Reasons.Limit(e.Reason)),
            FinishedAt = now,
        });
        return task.Spec.Container(e.Container).Essential
            ? StopTask(task, TaskStopCode.EssentialContainerExited, Reasons.EssentialContainerExited, now)
            : task;
    }

    /// <summary>A pull, create or start failed: the container is given up, and the task with it when that failure is fatal.</summary>
    /// <remarks>
    /// A pull, create or start failed. While the container was still wanted it records the reason and gives the container
    /// up; a pull failure then fails the task, a create or start failure only when the container is essential (a
    /// non-essential one just never runs, as in ECS). A failure of something already being stopped (a cancelled pull) is
    /// no news and records nothing.
    /// </remarks>
    private static TaskState Fail(TaskState task, string name, ContainerOperation operation, string reason, bool failsTask, DateTimeOffset now)
    {
        var container = task.Container(name);
        if (container.DesiredStatus == DesiredStatus.Stopped)
        {
            return task.With(container with { InFlight = Finish(container, operation) });
        }
        task = task.With(container with
        {
            InFlight = Finish(container, operation),
            DesiredStatus = DesiredStatus.Stopped,
            Reason = container.Reason ?? reason,
        });
        return failsTask || task.Spec.Container(name).Essential
            ? StopTask(task, TaskStopCode.TaskFailedToStart, reason, now)
            : task;
    }

    private static TaskState ApplyDispatched(TaskState task, IReadOnlyList<EngineAction> actions, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actions);
        foreach (var action in actions)
        {
            task = action switch
            {
                EngineAction.PullImage a => MarkInFlight(task, a.Container, ContainerOperation.Pull, now) with { PullStartedAt = task.PullStartedAt ?? now },
                EngineAction.CreateContainer a => MarkInFlight(task, a.Container, ContainerOperation.Create, now),
                EngineAction.StartContainer a => MarkInFlight(task, a.Container, ContainerOperation.Start, now),
                EngineAction.StopContainer a => MarkInFlight(task, a.Container, ContainerOperation.Stop, now),
                EngineAction.ArmStartTimeout a => Update(task, a.Container, c => c with { StartTimeoutArmed = true }),
                EngineAction.RunDeactivation => task with { Deactivation = StartHook(task.Deactivation, "deactivation") },
                EngineAction.RunDeprovisioning => task with { Deprovisioning = StartHook(task.Deprovisioning, "deprovisioning") },
                EngineAction.ReportContainerStatus a => Update(task, a.Container, c => c with { LastReport = a }),
                EngineAction.ReportTaskStatus a => task with { LastReport = a },
                _ => throw new ArgumentOutOfRangeException(nameof(actions), action, "Unknown engine action."),
            };
        }
        return task;
    }

    /// <summary>Marks a Docker operation in flight; a second one for the same container means the actor dispatched something Decide did not return.</summary>
    private static TaskState MarkInFlight(TaskState task, string name, ContainerOperation operation, DateTimeOffset now)
    {
        var container = task.Container(name);
        if (container.InFlight is { } busy)
        {
            throw new InvalidOperationException(
                $"Task {task.Spec.Arn}: container {name} already has {busy} in flight; {operation} was dispatched without being decided.");
        }
        return task.With(container with
        {
            InFlight = operation,
            PullStartedAt = operation == ContainerOperation.Pull ? container.PullStartedAt ?? now : container.PullStartedAt,
        });
    }

    private static HookProgress StartHook(HookProgress progress, string hook) => progress == HookProgress.NotStarted
        ? HookProgress.InFlight
        : throw new InvalidOperationException($"The {hook} hook was dispatched twice.");

    /// <summary>Whether <paramref name="operation"/> is in flight for the container; a failure of something not awaited is a repeat and changes nothing.</summary>
    private static bool Awaits(TaskState task, string name, ContainerOperation operation) => task.Container(name).InFlight == operation;

    /// <summary>A success outcome that tells nothing new: the container is already that far and no such operation is awaited (a repeated event).</summary>
    private static bool IsStale(TaskState task, string name, ContainerStatus reached, ContainerOperation operation)
    {
        var container = task.Container(name);
        return container.KnownStatus >= reached && container.InFlight != operation;
    }

    private static TaskState Update(TaskState task, string name, Func<ContainerState, ContainerState> change) =>
        task.With(change(task.Container(name)));

    /// <summary>The in-flight operation once <paramref name="completed"/> finished; an outcome of something else leaves it alone.</summary>
    private static ContainerOperation? Finish(ContainerState container, ContainerOperation completed) =>
        container.InFlight == completed ? null : container.InFlight;

    private static ContainerStatus Max(ContainerStatus a, ContainerStatus b) => a > b ? a : b;
}
