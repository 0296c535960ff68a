using Berth.ControlPlane.Placement.Engine;
using Berth.ControlPlane.Storage;
using Berth.Domain;
using Berth.State;
using EcsTask = Berth.Aws.Generated.Ecs.Task;

namespace Berth.ControlPlane.Ecs.Tasks;

/// <summary>Finds the task a request names (by id or ARN) within the request's cluster, and writes tasks back.</summary>
public sealed class TaskResolver(EcsStore store)
{
    /// <summary>The task, or null when the identifier names none in this cluster (an ARN of another cluster names none).</summary>
    public async ValueTask<Versioned<EcsTask>?> FindAsync(ResourceScope scope, string cluster, string identifier, CancellationToken cancellationToken)
    {
        var reference = TaskReference.Parse(scope, identifier);
        return reference is not null && reference.IsIn(cluster)
            ? await store.Tasks.GetAsync(scope.Partition, EcsStore.TaskKey(cluster, reference.Id), cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>The cluster's tasks that have not stopped, as placement and task:group queries count them: instance and group.</summary>
    public async ValueTask<List<ClusterSnapshot.PlacedTask>> PlacedAsync(ResourceScope scope, string cluster, CancellationToken cancellationToken)
    {
        var placed = new List<ClusterSnapshot.PlacedTask>();
        await foreach (var task in store.Tasks.ScanAsync(scope.Partition, EcsStore.TaskPrefix(cluster), cancellationToken).ConfigureAwait(false))
        {
            if (task.Value is { ContainerInstanceArn: { } arn, Group: { } group } && task.Value.LastStatus != TaskLifecycle.Stopped)
            {
                placed.Add(new ClusterSnapshot.PlacedTask(arn, group));
            }
        }

        return placed;
    }

    /// <summary>The write that stores a task; <paramref name="expectedVersion"/> is the store version read (0 to create).</summary>
    public PutOp Write(ResourceScope scope, EcsTask task, long expectedVersion) =>
        store.Tasks.Put(scope.Partition, KeyOf(task), task, expectedVersion);

    /// <summary>The store key of a task, taken from its long-format ARN.</summary>
    public static string KeyOf(EcsTask task)
    {
        var (_, cluster, id) = EcsArns.ParseLong(task.TaskArn);
        return EcsStore.TaskKey(cluster, id);
    }

    /// <summary>The ARN a failure entry reports for an identifier, whether or not the task exists.</summary>
    public static string ArnOf(ResourceScope scope, string cluster, string identifier) =>
        Arn.TryParse(identifier, out _) ? identifier : EcsArns.Task(scope, cluster, identifier);
}
