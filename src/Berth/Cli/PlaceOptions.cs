using System.Globalization;
using Berth.Agent.Host;
using Berth.Aws.Generated.Ecs;
using Berth.Aws.Protocol;
using Berth.ControlPlane.Ecs.Tasks;
using Berth.ControlPlane.Hosting;
using Berth.ControlPlane.Placement;

namespace Berth.Cli;

/// <summary>What <c>berth place</c> was asked, with its rules in the API's own shapes so that RunTask's reader checks them
/// exactly as it checks a RunTask request.</summary>
public sealed record PlaceOptions(
    Uri Endpoint,
    string Region,
    AccessKey Key,
    string Cluster,
    string TaskDefinition,
    int Count,
    IReadOnlyList<PlacementConstraint> Constraints,
    IReadOnlyList<PlacementStrategy> Strategies,
    string? Group,
    int Seed)
{
    public static readonly string[] Names = ["cluster", "task-definition", "count", "strategy", "constraint", "group", "seed", "endpoint"];

    /// <summary>The options from the command line and the AWS environment variables (as <c>berth env</c> sets them); the seed
    /// comes from <paramref name="newSeed"/> unless <c>--seed</c> is given. Every problem is a <see cref="UsageException"/>.</summary>
    public static PlaceOptions Parse(CommandLine line, Func<string, string?> environment, Func<int> newSeed)
    {
        line.Allow(Names);
        var definition = line.Value("task-definition") is { Length: > 0 } name
            ? name
            : throw new UsageException("place needs --task-definition FAMILY[:REVISION] (or its ARN)");
        var count = line.Int("count", 1);
        if (count > TaskErrors.MaxCount)
        {
            throw new UsageException($"--count must be at most {TaskErrors.MaxCount}, as for RunTask");
        }

        var constraints = line.Values("constraint").Select(Constraint).ToList();
        var strategies = line.Values("strategy").Select(Strategy).ToList();
        try
        {
            PlacementRulesReader.Read(null, constraints, strategies);
        }
        catch (AwsException e)
        {
            throw new UsageException(e.Message);
        }

        return new PlaceOptions(
            line.Url("endpoint") ?? EndpointIn(environment),
            EnvironmentExports.RegionIn(environment),
            EnvironmentExports.KeyIn(environment, "place"),
            line.Value("cluster") ?? UpCommand.LocalCluster,
            definition,
            count,
            constraints,
            strategies,
            line.Value("group") is { Length: > 0 } group ? group : null,
            line.Has("seed") ? SeedOf(line.Value("seed")) : newSeed());
    }

    /// <summary><c>distinctInstance</c> or <c>memberOf:EXPRESSION</c> (the expression may itself contain colons).</summary>
    private static PlacementConstraint Constraint(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? new PlacementConstraint { Type = text } : new PlacementConstraint { Type = text[..colon], Expression = text[(colon + 1)..] };
    }

    /// <summary><c>TYPE[:FIELD]</c>, the field being everything after the first colon (<c>spread:attribute:ecs.availability-zone</c>).</summary>
    private static PlacementStrategy Strategy(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? new PlacementStrategy { Type = text } : new PlacementStrategy { Type = text[..colon], Field = text[(colon + 1)..] };
    }

    /// <summary>Any whole number from 0 up, so a seed printed by an earlier run can be given back.</summary>
    private static int SeedOf(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : throw new UsageException("--seed needs a whole number (the one an earlier run printed)");

    /// <summary>The endpoint <c>berth env</c> exported, else the one <c>berth up</c> serves by default.</summary>
    public static Uri EndpointIn(Func<string, string?> environment) =>
        environment(EnvironmentExports.EndpointVariable) is { Length: > 0 } text
            ? CommandLine.HttpUrl(text, EnvironmentExports.EndpointVariable)
            : new Uri($"http://127.0.0.1:{ControlPlaneOptions.DefaultPort.ToString(CultureInfo.InvariantCulture)}");
}
