using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.ContainerInstances;
using Berth.ControlPlane.Placement.Query;

namespace Berth.ControlPlane.Placement.Engine;

/// <summary>The immutable picture of a cluster a plan is made from: its container instances in ARN order, so the same
/// cluster and seed always give the same plan.</summary>
public sealed record ClusterSnapshot(ImmutableArray<InstanceSnapshot> Instances)
{
    /// <summary>A task that has not stopped, as far as placement cares: where it is and its group.</summary>
    public sealed record PlacedTask(string ContainerInstanceArn, string Group);

    /// <summary>Built on every RunTask, so with plain collections (empty ones shared): a snapshot lives for one plan, too
    /// short for frozen ones to repay their construction.</summary>
    public static ClusterSnapshot Of(IEnumerable<ContainerInstance> instances, IEnumerable<PlacedTask> tasks)
    {
        var groups = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            ref var counts = ref CollectionsMarshal.GetValueRefOrAddDefault(groups, task.ContainerInstanceArn, out _);
            counts ??= new Dictionary<string, int>(StringComparer.Ordinal);
            CollectionsMarshal.GetValueRefOrAddDefault(counts, task.Group, out _)++;
        }

        var ordered = instances.ToArray();
        if (!InArnOrder(ordered))
        {
            Array.Sort(ordered, (a, b) => string.CompareOrdinal(a.ContainerInstanceArn, b.ContainerInstanceArn));
        }

        return new ClusterSnapshot([.. ordered.Select(i => Snapshot(i, groups.GetValueOrDefault(i.ContainerInstanceArn!)))]);
    }

    /// <summary>Whether the instances already come in ARN order, as a scan of the store gives them: then there is nothing to sort.</summary>
    private static bool InArnOrder(ContainerInstance[] instances)
    {
        for (var i = 1; i < instances.Length; i++)
        {
            if (string.CompareOrdinal(instances[i - 1].ContainerInstanceArn, instances[i].ContainerInstanceArn) > 0)
            {
                return false;
            }
        }

        return true;
    }

    private static InstanceSnapshot Snapshot(ContainerInstance instance, Dictionary<string, int>? groupCounts)
    {
        var remaining = instance.RemainingResources ?? [];
        return new InstanceSnapshot(
            instance.ContainerInstanceArn!,
            instance.Status ?? InstanceStatus.Active,
            instance.AgentConnected == true,
            Find(remaining, InstanceResources.Cpu)?.IntegerValue ?? 0,
            Find(remaining, InstanceResources.Memory)?.IntegerValue ?? 0,
            Find(remaining, InstanceResources.Gpu)?.StringSetValue?.Count ?? 0,
            Set(Find(remaining, InstanceResources.Ports)),
            Set(Find(remaining, InstanceResources.PortsUdp)),
            groupCounts ?? (IReadOnlyDictionary<string, int>)FrozenDictionary<string, int>.Empty,
            new InstanceFacts(instance, groupCounts is null ? FrozenSet<string>.Empty : new HashSet<string>(groupCounts.Keys, StringComparer.Ordinal)));
    }

    private static Resource? Find(List<Resource> resources, string name)
    {
        foreach (var resource in resources)
        {
            if (resource.Name == name)
            {
                return resource;
            }
        }

        return null;
    }

    private static IReadOnlySet<string> Set(Resource? resource) =>
        resource?.StringSetValue is { Count: > 0 } values ? new HashSet<string>(values, StringComparer.Ordinal) : FrozenSet<string>.Empty;
}
