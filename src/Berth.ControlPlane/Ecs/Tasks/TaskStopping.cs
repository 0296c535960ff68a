using Berth.Aws.Generated.Ecs;
using EcsTask = Berth.Aws.Generated.Ecs.Task;

namespace Berth.ControlPlane.Ecs.Tasks;

/// <summary>Asking a task to stop, the same way for StopTask and the service scheduler: only the desired status changes (with
/// when, who and why); the task stays where it is until its agent stops it.</summary>
public static class TaskStopping
{
    public static EcsTask Requested(EcsTask task, string stopCode, string reason, DateTimeOffset now) => task with
    {
        DesiredStatus = DesiredStatus.Stopped,
        StoppingAt = now,
        StopCode = stopCode,
        StoppedReason = reason,
        Version = (task.Version ?? 0) + 1,
    };
}
