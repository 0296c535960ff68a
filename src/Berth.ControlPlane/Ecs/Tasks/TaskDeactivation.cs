using Berth.Aws.Generated.Ecs;
using EcsTask = Berth.Aws.Generated.Ecs.Task;

namespace Berth.ControlPlane.Ecs.Tasks;

/// <summary>A task the service scheduler drains before it stops (ecs-semantics §4.8): desiredStatus STOPPED with its code and
/// reason, lastStatus DEACTIVATING, and no stoppingAt while its targets drain; the agent is still told RUNNING, so its
/// containers keep serving. Handing the stop over stamps stoppingAt, which is when the agent is told STOPPED.</summary>
public static class TaskDeactivation
{
    public static EcsTask Begin(EcsTask task, string stopCode, string reason) => task with
    {
        DesiredStatus = DesiredStatus.Stopped,
        LastStatus = TaskLifecycle.Deactivating,
        StoppingAt = null,
        StopCode = stopCode,
        StoppedReason = reason,
        Version = (task.Version ?? 0) + 1,
    };

    /// <summary>Drained and not yet handed to its agent.</summary>
    public static bool IsDraining(EcsTask task) =>
        task.DesiredStatus == DesiredStatus.Stopped && task.LastStatus == TaskLifecycle.Deactivating && task.StoppingAt is null;

    /// <summary>The drained task with its stop handed to the agent.</summary>
    public static EcsTask HandOff(EcsTask task, DateTimeOffset now) => task with { StoppingAt = now, Version = (task.Version ?? 0) + 1 };

    /// <summary>The task as its agent is to see it: RUNNING while it drains, as stored otherwise.</summary>
    public static EcsTask AsAgentSees(EcsTask task) => IsDraining(task) ? task with { DesiredStatus = DesiredStatus.Running } : task;
}
