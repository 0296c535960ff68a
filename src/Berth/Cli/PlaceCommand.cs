using System.Text.Json;
using Berth.Agent.Host;
using Berth.Aws.Generated.Ecs;
using Berth.Aws.Protocol;
using Berth.ControlPlane.Ecs.Tasks;
using Berth.ControlPlane.Placement;
using Berth.ControlPlane.Placement.Engine;

namespace Berth.Cli;

/// <summary><c>berth place</c>: where RunTask would put tasks and why every other instance would not take them, from the
/// cluster as the public ECS API shows it and the very code RunTask plans with; nothing is written.</summary>
public static class PlaceCommand
{
    public const int AllPlaced = 0;
    public const int SomeUnplaced = 1;
    public const int Failed = 2;

    /// <summary>Prints the report and answers <see cref="AllPlaced"/> or <see cref="SomeUnplaced"/>; an error of the API, of the
    /// connection, or one RunTask would answer is printed in one line with <see cref="Failed"/>.</summary>
    public static async Task<int> RunAsync(PlaceOptions options, TimeProvider time, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var reader = new ClusterReader(new EcsApiClient(http, options.Endpoint, options.Region, time), options.Key, options.Cluster);
        try
        {
            var run = await DryRunAsync(reader, options, ct).ConfigureAwait(false);
            Console.Out.Write(PlacementReport.Render(run));
            return run.AllPlaced ? AllPlaced : SomeUnplaced;
        }
        catch (AwsApiException e)
        {
            return await FailAsync($"the control plane answered {e.Message}").ConfigureAwait(false);
        }
        catch (AwsException e)
        {
            return await FailAsync($"RunTask would refuse this: {e.Code}: {e.Message}").ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return await FailAsync($"cannot reach the control plane at {options.Endpoint} ({e.Message}); is berth up running there?").ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return await FailAsync($"{options.Endpoint} did not answer as the ECS API does ({e.Message})").ConfigureAwait(false);
        }
    }

    /// <summary>Reads the instances (so an unknown cluster is refused first, as RunTask does), the definition and, only when
    /// the rules count them, the tasks' groups, then plans as RunTask does: the same definition checks, reservation, rules
    /// reader, snapshot and engine.</summary>
    private static async Task<PlacementDryRun> DryRunAsync(ClusterReader reader, PlaceOptions options, CancellationToken ct)
    {
        var instances = await reader.InstancesAsync(ct).ConfigureAwait(false);
        var definition = RunTaskRules.EnsureRunnable(await reader.TaskDefinitionAsync(options.TaskDefinition, ct).ConfigureAwait(false), LaunchType.Ec2);
        var rules = PlacementRulesReader.Read(definition.PlacementConstraints, options.Constraints, options.Strategies);
        var tasks = rules.CountsGroups ? await reader.PlacedTasksAsync(ct).ConfigureAwait(false) : [];
        var request = new PlacementRequest(
            TaskReservation.Of(definition).Demand(definition), options.Group ?? $"family:{definition.Family}", rules, options.Count, options.Seed);
        var plan = PlacementEngine.Plan(ClusterSnapshot.Of(instances, tasks), request);
        var constraints = (definition.PlacementConstraints ?? [])
            .Select(c => new PlacementConstraint { Type = c.Type, Expression = c.Expression })
            .Concat(options.Constraints)
            .ToList();
        return new PlacementDryRun(options.Cluster, definition, request, constraints, plan);
    }

    private static async Task<int> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync($"berth place: {message}").ConfigureAwait(false);
        return Failed;
    }
}
