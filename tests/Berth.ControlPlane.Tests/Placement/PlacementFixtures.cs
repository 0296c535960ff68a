using System.Collections.Immutable;
using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.ContainerInstances;
using Berth.ControlPlane.Placement.Engine;
using Berth.ControlPlane.Placement.Query;
using Attribute = Berth.Aws.Generated.Ecs.Attribute;

namespace Berth.ControlPlane.Tests.Placement;

/// <summary>One container instance of a test cluster, described by what placement reads; <see cref="ToInstance"/> stores it
/// the way the control plane does, so fixtures go through <see cref="ClusterSnapshot.Of"/> like RunTask's.</summary>
public sealed record InstanceSpec(string Id)
{
    public const string Zone = "ecs.availability-zone";

    public string Status { get; init; } = "ACTIVE";

    public bool Connected { get; init; } = true;

    public int Cpu { get; init; } = 4096;

    public int Memory { get; init; } = 8192;

    public int Gpus { get; init; }

    public ImmutableArray<string> PortsInUse { get; init; } = ["22"];

    public ImmutableArray<string> UdpPortsInUse { get; init; } = [];

    public ImmutableDictionary<string, string?> Attributes { get; init; } = ImmutableDictionary<string, string?>.Empty;

    public string Arn => $"arn:aws:ecs:us-east-1:123456789012:container-instance/prod/{Id}";

    /// <summary>The same instance in an availability zone (the attribute spread and memberOf read).</summary>
    public InstanceSpec InZone(string zone) => this with { Attributes = Attributes.SetItem(Zone, zone) };

    public InstanceSpec WithAttribute(string attribute, string? value = null) => this with { Attributes = Attributes.SetItem(attribute, value) };

    public ContainerInstance ToInstance() => new()
    {
        ContainerInstanceArn = Arn,
        Ec2InstanceId = $"i-{Id}",
        Status = Status,
        AgentConnected = Connected,
        RemainingResources =
        [
            InstanceResources.IntegerOf(InstanceResources.Cpu, Cpu),
            InstanceResources.IntegerOf(InstanceResources.Memory, Memory),
            InstanceResources.StringSetOf(InstanceResources.Ports, [.. PortsInUse]),
            InstanceResources.StringSetOf(InstanceResources.PortsUdp, [.. UdpPortsInUse]),
            InstanceResources.StringSetOf(InstanceResources.Gpu, [.. Enumerable.Range(0, Gpus).Select(g => $"GPU-{Id}-{g}")]),
        ],
        Attributes = [.. Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => new Attribute { Name = a.Key, Value = a.Value })],
    };
}

/// <summary>Builds snapshots and requests for engine tests, and reads plans back by instance id.</summary>
public static class PlacementFixtures
{
    public const string Web = "family:web";

    public static InstanceSpec Instance(string id) => new(id);

    /// <summary>The snapshot RunTask would take of these instances, with <paramref name="tasks"/> (instance id, group) not stopped.</summary>
    public static ClusterSnapshot Snapshot(IEnumerable<InstanceSpec> instances, params (string Instance, string Group)[] tasks) =>
        ClusterSnapshot.Of(
            instances.Select(i => i.ToInstance()),
            tasks.Select(t => new ClusterSnapshot.PlacedTask(Instance(t.Instance).Arn, t.Group)));

    public static TaskDemand Demand(
        int cpu = 256, int memory = 512, int gpus = 0, string[]? tcp = null, string[]? udp = null, string[]? requires = null) =>
        new(cpu, memory, gpus, tcp ?? [], udp ?? [], requires ?? []);

    public static PlacementRules Rules(bool distinct = false, string[]? memberOf = null, params StrategyRule[] strategies) =>
        new(distinct, [.. (memberOf ?? []).Select(QueryParser.Parse)], [.. strategies]);

    public static StrategyRule Binpack(string field) => new(StrategyKind.Binpack, field);

    public static StrategyRule Spread(string field) => new(StrategyKind.Spread, field);

    public static StrategyRule SpreadZone => Spread(StrategyRule.AttributePrefix + InstanceSpec.Zone);

    public static StrategyRule RandomStrategy => new(StrategyKind.Random);

    public static PlacementPlan Plan(
        ClusterSnapshot snapshot, TaskDemand? demand = null, PlacementRules? rules = null, int count = 1, int seed = 1, string group = Web) =>
        PlacementEngine.Plan(snapshot, new PlacementRequest(demand ?? Demand(), group, rules ?? PlacementRules.None, count, seed));

    /// <summary>The instance ids the plan chose, in task order, as one readable string ("b a a").</summary>
    public static string Ids(this PlacementPlan plan) => string.Join(' ', plan.Chosen.Select(i => i.Id));

    /// <summary>The instance ids the plan chose, sorted, for plans whose order is left to chance.</summary>
    public static string SortedIds(this PlacementPlan plan) => string.Join(' ', plan.Chosen.Select(i => i.Id).Order(StringComparer.Ordinal));

    /// <summary>How many of the plan's tasks each instance got, by id (instances that got none are absent).</summary>
    public static Dictionary<string, int> CountsById(this PlacementPlan plan) =>
        plan.Chosen.GroupBy(i => i.Id).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Each instance's reason for refusing the last task, by id; null where it could have taken it.</summary>
    public static Dictionary<string, string?> ReasonsById(this PlacementPlan plan) =>
        plan.Snapshot.Instances.Select((instance, i) => (instance.Id, plan.Refusals[i])).ToDictionary(r => r.Id, r => r.Item2);
}
