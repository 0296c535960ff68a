using System.Collections.Immutable;
using Berth.ControlPlane.Placement.Query;

namespace Berth.ControlPlane.Placement.Engine;

/// <summary>The constraints (binding) and strategies (preferences, applied in order) a request places by.</summary>
public sealed record PlacementRules(bool DistinctInstance, ImmutableArray<QueryExpression> MemberOf, ImmutableArray<StrategyRule> Strategies)
{
    public static readonly PlacementRules None = new(false, [], []);

    /// <summary>Whether the plan needs the cluster's tasks by group: distinctInstance, spread, and task:group expressions count them.</summary>
    public bool CountsGroups => DistinctInstance || Strategies.Any(s => s.Kind == StrategyKind.Spread) || MemberOf.Any(m => m.UsesTaskGroups);
}

public enum StrategyKind
{
    Binpack,
    Spread,
    Random,
}

/// <summary>One placement strategy: binpack on <c>cpu</c> or <c>memory</c>, spread on <c>instanceId</c> or
/// <c>attribute:name</c> (host is read as instanceId), or random (no field).</summary>
public sealed record StrategyRule(StrategyKind Kind, string? Field = null)
{
    public const string Cpu = "cpu";
    public const string Memory = "memory";
    public const string InstanceId = "instanceId";
    public const string AttributePrefix = "attribute:";

    public override string ToString() => Field is null ? Kind.ToString().ToLowerInvariant() : $"{Kind.ToString().ToLowerInvariant()}({Field})";
}

/// <summary>Everything a plan needs besides the snapshot: the demand of each task, its task group (which spread and
/// distinctInstance count by), the rules, how many tasks, and the seed that makes ties and random choices repeatable.</summary>
public sealed record PlacementRequest(TaskDemand Demand, string Group, PlacementRules Rules, int Count, int Seed);
