using System.Collections.Frozen;
using System.Collections.Immutable;
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

    public static ClusterSnapshot Of(IEnumerable<ContainerInstance> instances, IEnumerable<PlacedTask> tasks)
    {
        var groups = tasks
            .GroupBy(t => t.ContainerInstanceArn, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.GroupBy(t => t.Group, StringComparer.Ordinal).ToFrozenDictionary(t => t.Key, t => t.Count()), StringComparer.Ordinal);
        return new ClusterSnapshot(instances
            .OrderBy(i => i.ContainerInstanceArn, StringComparer.Ordinal)
            .Select(i => Snapshot(i, groups.GetValueOrDefault(i.ContainerInstanceArn!) ?? FrozenDictionary<string, int>.Empty))
            .ToImmutableArray());
    }

    private static InstanceSnapshot Snapshot(ContainerInstance instance, FrozenDictionary<string, int> groupCounts)
    {
        var remaining = instance.RemainingResources ?? [];
        return new InstanceSnapshot(
            instance.ContainerInstanceArn!,
            instance.Status ?? InstanceStatus.Active,
            instance.AgentConnected == true,
            Integer(remaining, InstanceResources.Cpu),
            Integer(remaining, InstanceResources.Memory),
            Set(remaining, InstanceResources.Gpu).Count,
            Set(remaining, InstanceResources.Ports).ToFrozenSet(StringComparer.Ordinal),
            Set(remaining, InstanceResources.PortsUdp).ToFrozenSet(StringComparer.Ordinal),
            groupCounts,
            new InstanceFacts(instance, groupCounts.Keys.ToFrozenSet(StringComparer.Ordinal)));
    }

    private static int Integer(List<Resource> resources, string name) => resources.FirstOrDefault(r => r.Name == name)?.IntegerValue ?? 0;

    private static List<string> Set(List<Resource> resources, string name) => resources.FirstOrDefault(r => r.Name == name)?.StringSetValue ?? [];
}
