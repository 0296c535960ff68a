using Berth.Aws.Generated.Ecs;
using EcsTask = Berth.Aws.Generated.Ecs.Task;

namespace Berth.ControlPlane.Ecs.Tasks;

/// <summary>How long a STOPPED task stays describable: ECS keeps it "at least 1 hour" and then it expires, so neither the
/// store nor the readers that scan a cluster's tasks grow with a cluster's history.</summary>
public static class StoppedTaskRetention
{
    public static readonly TimeSpan Period = TimeSpan.FromHours(1);

    public static bool Expired(EcsTask task, DateTimeOffset now) =>
        task.LastStatus == DesiredStatus.Stopped && (task.StoppedAt ?? task.ExecutionStoppedAt ?? task.CreatedAt) is { } stopped && now - stopped >= Period;
}
