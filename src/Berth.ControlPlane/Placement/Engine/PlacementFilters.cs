using Berth.ControlPlane.Placement.Query;

namespace Berth.ControlPlane.Placement.Engine;

/// <summary>One reason an instance can refuse a task; <see cref="Refuse"/> answers ECS's reason string or null from instance
/// <c>i</c>'s own state only, which lets the engine ask again only about the instance a task went to.</summary>
internal interface IPlacementFilter
{
    string? Refuse(PlanState state, int i);
}

/// <summary>The reasons ECS gives for an instance that cannot take a task, each spelled once.</summary>
public static class PlacementReasons
{
    public const string Agent = "AGENT";
    public const string Cpu = "RESOURCE:CPU";
    public const string Memory = "RESOURCE:MEMORY";
    public const string Gpu = "RESOURCE:GPU";
    public const string Ports = "RESOURCE:PORTS";
    public const string PortsUdp = "RESOURCE:PORTS_UDP";
    public const string Attribute = "ATTRIBUTE";
    public const string MemberOf = "MemberOf placement constraint unsatisfied.";
    public const string DistinctInstance = "DistinctInstance placement constraint unsatisfied.";

    /// <summary>The reasons in the order <see cref="PlacementEngine"/> applies their filters (a status refusal, DRAINING and
    /// the like, comes before them all): an instance refused by a later one passed more checks.</summary>
    private static readonly string[] InFilterOrder = [Agent, Cpu, Memory, Gpu, Ports, PortsUdp, Attribute, MemberOf, DistinctInstance];

    /// <summary>How many of the engine's checks an instance refused with <paramref name="reason"/> passed (-1 for a status or
    /// a reason the engine does not give): what "the closest matching instance" is chosen by.</summary>
    public static int ChecksPassed(string reason) => Array.IndexOf(InFilterOrder, reason);
}

/// <summary>Only ACTIVE instances take tasks; the others are refused with their status (DRAINING, REGISTERING, ...).</summary>
internal sealed class StatusFilter : IPlacementFilter
{
    public string? Refuse(PlanState state, int i) =>
        state.Snapshot.Instances[i].Status is var status && status == "ACTIVE" ? null : status;
}

/// <summary>An instance whose agent is not connected cannot be told to start anything.</summary>
internal sealed class AgentFilter : IPlacementFilter
{
    public string? Refuse(PlanState state, int i) => state.Snapshot.Instances[i].AgentConnected ? null : PlacementReasons.Agent;
}

internal sealed class CpuFilter : IPlacementFilter
{
    public string? Refuse(PlanState state, int i) => state.Cpu[i] < state.Demand.Cpu ? PlacementReasons.Cpu : null;
}

internal sealed class MemoryFilter : IPlacementFilter
{
    public string? Refuse(PlanState state, int i) => state.Memory[i] < state.Demand.Memory ? PlacementReasons.Memory : null;
}

internal sealed class GpuFilter : IPlacementFilter
{
    public string? Refuse(PlanState state, int i) => state.Gpus[i] < state.Demand.Gpus ? PlacementReasons.Gpu : null;
}

/// <summary>A static host port can be bound once per instance: by a task already there, or by this request's own earlier task.</summary>
internal sealed class PortsFilter : IPlacementFilter
{
    public string? Refuse(PlanState state, int i) =>
        state.TcpPortsTaken[i] ? PlacementReasons.Ports : state.UdpPortsTaken[i] ? PlacementReasons.PortsUdp : null;
}

/// <summary>The attributes the task definition requires (capabilities its features need) must all be present.</summary>
internal sealed class AttributeFilter(ClusterSnapshot snapshot, IReadOnlyList<string> required) : IPlacementFilter
{
    private readonly bool[] missing = [.. snapshot.Instances.Select(i => !HasAll(i.Facts.Attributes, required))];

    public string? Refuse(PlanState state, int i) => missing[i] ? PlacementReasons.Attribute : null;

    private static bool HasAll(IReadOnlyDictionary<string, string?> attributes, IReadOnlyList<string> names)
    {
        foreach (var name in names)
        {
            if (!attributes.ContainsKey(name))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>A memberOf expression, evaluated once per instance up front. The only fact a plan changes is the request's own
/// group joining an instance's task groups, so an expression about task:group is evaluated again, once, for an instance
/// the plan has put a task on.</summary>
internal sealed class MemberOfFilter : IPlacementFilter
{
    private readonly QueryExpression expression;
    private readonly bool[] before;
    private readonly bool?[]? after;
    private readonly int[] initial;

    public MemberOfFilter(PlanState state, QueryExpression expression)
    {
        this.expression = expression;
        var instances = state.Snapshot.Instances;
        before = new bool[instances.Length];
        for (var i = 0; i < before.Length; i++)
        {
            before[i] = expression.Matches(instances[i].Facts);
        }

        after = expression.UsesTaskGroups ? new bool?[instances.Length] : null;
        initial = expression.UsesTaskGroups ? [.. state.GroupCount] : [];
    }

    public string? Refuse(PlanState state, int i) =>
        (after is not null && state.GroupCount[i] > initial[i] ? after[i] ??= After(state, i) : before[i]) ? null : PlacementReasons.MemberOf;

    private bool After(PlanState state, int i)
    {
        var facts = state.Snapshot.Instances[i].Facts;
        return expression.Matches(facts with { TaskGroups = new HashSet<string>(facts.TaskGroups, StringComparer.Ordinal) { state.Request.Group } });
    }
}

/// <summary>At most one task of the group per instance, counting the group's tasks already there.</summary>
internal sealed class DistinctInstanceFilter : IPlacementFilter
{
    public string? Refuse(PlanState state, int i) => state.GroupCount[i] > 0 ? PlacementReasons.DistinctInstance : null;
}
