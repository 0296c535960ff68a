using System.Collections.Immutable;
using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Placement.Engine;
using Berth.ControlPlane.Placement.Query;

namespace Berth.ControlPlane.Placement;

/// <summary>Reads ECS's placementConstraints and placementStrategy into engine rules, refusing what ECS refuses with an
/// InvalidParameterException that says which item and why, so a bad rule never reaches placement.</summary>
public static class PlacementRulesReader
{
    public const int MaxConstraints = 10;
    public const int MaxStrategies = 5;

    /// <summary>The task definition's constraints (memberOf only, checked at registration) and the request's, which count
    /// together towards ECS's limit of 10, and the request's strategies.</summary>
    public static PlacementRules Read(
        IReadOnlyList<TaskDefinitionPlacementConstraint>? definitionConstraints, IReadOnlyList<PlacementConstraint>? constraints,
        IReadOnlyList<PlacementStrategy>? strategies)
    {
        var all = (definitionConstraints ?? []).Select(AsConstraint).Concat(constraints ?? []).ToList();
        if (all.Count > MaxConstraints)
        {
            throw EcsErrors.InvalidParameter($"Too many placement constraints: {all.Count}. A task can have at most {MaxConstraints}, its task definition's included.");
        }

        if (strategies is { Count: > MaxStrategies })
        {
            throw EcsErrors.InvalidParameter($"Too many placement strategies: {strategies.Count}. At most {MaxStrategies} can be chained.");
        }

        var parsed = all.Select(Constraint).ToList();
        return new PlacementRules(parsed.Contains(null), [.. parsed.OfType<QueryExpression>()], [.. (strategies ?? []).Select(Strategy)]);
    }

    /// <summary>Task definitions take memberOf constraints only, each with a valid expression.</summary>
    public static void CheckDefinitionConstraints(IReadOnlyList<TaskDefinitionPlacementConstraint>? constraints)
    {
        if (constraints is { Count: > MaxConstraints })
        {
            throw EcsErrors.Client($"Too many placement constraints: {constraints.Count}. A task definition can have at most {MaxConstraints}.");
        }

        foreach (var constraint in constraints ?? [])
        {
            if (constraint.Type != PlacementConstraintType.MemberOf)
            {
                throw EcsErrors.Client($"constraint.type '{constraint.Type}' is not supported. Task definitions take memberOf constraints only.");
            }

            Constraint(AsConstraint(constraint));
        }
    }

    private static PlacementConstraint AsConstraint(TaskDefinitionPlacementConstraint constraint) =>
        new() { Type = constraint.Type, Expression = constraint.Expression };

    /// <summary>A memberOf constraint's parsed expression, or null for distinctInstance.</summary>
    private static QueryExpression? Constraint(PlacementConstraint constraint)
    {
        switch (constraint.Type)
        {
            case PlacementConstraintType.DistinctInstance when string.IsNullOrEmpty(constraint.Expression):
                return null;
            case PlacementConstraintType.DistinctInstance:
                throw EcsErrors.InvalidParameter("A distinctInstance placement constraint cannot have an expression.");
            case PlacementConstraintType.MemberOf when string.IsNullOrWhiteSpace(constraint.Expression):
                throw EcsErrors.InvalidParameter("A memberOf placement constraint requires an expression.");
            case PlacementConstraintType.MemberOf:
                try
                {
                    return QueryParser.Parse(constraint.Expression!);
                }
                catch (QuerySyntaxException e)
                {
                    throw EcsErrors.InvalidParameter(e.Describe("placement constraint expression"));
                }

            default:
                throw EcsErrors.InvalidParameter($"Unknown placement constraint type '{constraint.Type}'. Valid types are distinctInstance and memberOf.");
        }
    }

    /// <summary>binpack takes cpu or memory; spread takes instanceId, host (the same thing) or attribute:name; random takes
    /// no field. Field names are matched without regard to case, as ECS does for cpu and memory.</summary>
    private static StrategyRule Strategy(PlacementStrategy strategy) => strategy.Type switch
    {
        PlacementStrategyType.Random => new StrategyRule(StrategyKind.Random),
        PlacementStrategyType.Binpack => strategy.Field?.ToLowerInvariant() is StrategyRule.Cpu or StrategyRule.Memory
            ? new StrategyRule(StrategyKind.Binpack, strategy.Field.ToLowerInvariant())
            : throw EcsErrors.InvalidParameter($"Invalid field '{strategy.Field}' for a binpack placement strategy. Valid fields are cpu and memory."),
        PlacementStrategyType.Spread => new StrategyRule(StrategyKind.Spread, SpreadField(strategy.Field)),
        _ => throw EcsErrors.InvalidParameter($"Unknown placement strategy type '{strategy.Type}'. Valid types are random, spread and binpack."),
    };

    private static string SpreadField(string? field) => field switch
    {
        _ when string.Equals(field, StrategyRule.InstanceId, StringComparison.OrdinalIgnoreCase) || string.Equals(field, "host", StringComparison.OrdinalIgnoreCase)
            => StrategyRule.InstanceId,
        _ when field is not null && field.StartsWith(StrategyRule.AttributePrefix, StringComparison.Ordinal) && field.Length > StrategyRule.AttributePrefix.Length
            => field,
        _ => throw EcsErrors.InvalidParameter(
            $"Invalid field '{field}' for a spread placement strategy. Valid fields are instanceId, host and attribute:<name>."),
    };
}
