using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Clusters;
using Berth.ControlPlane.Ecs.ContainerInstances;
using Berth.ControlPlane.Placement.Engine;
using Berth.ControlPlane.Storage;
using Berth.Domain;
using Berth.State;
using EcsTask = Berth.Aws.Generated.Ecs.Task;

namespace Berth.ControlPlane.Ecs.Tasks;

/// <summary>A batch's picture of one cluster: read once, then changed in memory by each job's placements in turn, and
/// written back as one put per changed document at the version read, so the batch commits only on the state it planned on.</summary>
public sealed class PlacementView
{
    private readonly ResourceScope scope;
    private readonly string cluster;
    private readonly Versioned<Cluster> clusterRead;
    private readonly SortedDictionary<string, Versioned<ContainerInstance>> read;
    private readonly Dictionary<string, ContainerInstance> current = new(StringComparer.Ordinal);
    private readonly List<ClusterSnapshot.PlacedTask> placed;
    private int pendingAdded;

    private PlacementView(
        ResourceScope scope, string cluster, Versioned<Cluster> clusterRead, SortedDictionary<string, Versioned<ContainerInstance>> read, List<ClusterSnapshot.PlacedTask> placed)
    {
        this.scope = scope;
        this.cluster = cluster;
        this.clusterRead = clusterRead;
        this.read = read;
        this.placed = placed;
    }

    /// <summary>The cluster (which must be ACTIVE), its registered instances, and its unstopped tasks when a job counts groups.</summary>
    public static async ValueTask<PlacementView> ReadAsync(
        EcsStore store, ClusterResolver clusters, TaskResolver tasks, ResourceScope scope, string cluster, bool withTasks, CancellationToken cancellationToken)
    {
        var clusterRead = await clusters.FindActiveAsync(scope, cluster, cancellationToken).ConfigureAwait(false);
        var instances = new SortedDictionary<string, Versioned<ContainerInstance>>(StringComparer.Ordinal);
        await foreach (var instance in store.ContainerInstances.ScanAsync(scope.Partition, EcsStore.ContainerInstancePrefix(cluster), cancellationToken)
            .ConfigureAwait(false))
        {
            instances[instance.Value.ContainerInstanceArn!] = instance;
        }

        var placed = withTasks ? await tasks.PlacedAsync(scope, cluster, cancellationToken).ConfigureAwait(false) : [];
        return new PlacementView(scope, cluster, clusterRead, instances, placed);
    }

    /// <summary>The instances not deregistered, as they stand after the batch's earlier jobs.</summary>
    public IEnumerable<ContainerInstance> Registered =>
        read.Keys.Select(Instance).Where(i => i.Status != InstanceStatus.Inactive);

    /// <summary>The cluster's unstopped tasks, the batch's earlier placements included.</summary>
    public IReadOnlyList<ClusterSnapshot.PlacedTask> PlacedTasks => placed;

    /// <summary>The instance an identifier (id or ARN) names in this cluster, whatever its status, or null.</summary>
    public ContainerInstance? Find(string identifier) =>
        ContainerInstanceReference.Parse(scope, identifier) is { } reference && reference.IsIn(cluster)
        && read.ContainsKey(EcsArns.ContainerInstance(scope, cluster, reference.Id))
            ? Instance(EcsArns.ContainerInstance(scope, cluster, reference.Id))
            : null;

    public ContainerInstance Instance(string arn) => current.GetValueOrDefault(arn) ?? read[arn].Value;

    /// <summary>Records a job's new tasks: the instances' reservations (with each task's GPUs) and counts, the cluster's pending count, their groups.</summary>
    public void Place(IReadOnlyList<EcsTask> created, TaskReservation reservation)
    {
        foreach (var group in created.GroupBy(task => task.ContainerInstanceArn!, StringComparer.Ordinal))
        {
            current[group.Key] = TaskAccounting.Reserve(Instance(group.Key), [.. group.Select(reservation.Of)]);
        }

        placed.AddRange(created.Select(task => new ClusterSnapshot.PlacedTask(task.ContainerInstanceArn!, task.Group!)));
        pendingAdded += created.Count;
    }

    /// <summary>One put per changed instance and for the cluster, each expecting the version read.</summary>
    public IEnumerable<WriteOp> Writes(EcsStore store, ContainerInstanceResolver instances)
    {
        foreach (var (arn, instance) in current)
        {
            yield return instances.Write(scope, instance, read[arn].Version);
        }

        if (pendingAdded > 0)
        {
            yield return store.Clusters.Put(
                scope.Partition,
                cluster,
                clusterRead.Value with { PendingTasksCount = (clusterRead.Value.PendingTasksCount ?? 0) + pendingAdded },
                clusterRead.Version);
        }
    }
}
