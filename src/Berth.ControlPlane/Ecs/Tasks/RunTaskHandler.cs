using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Clusters;
using Berth.ControlPlane.Ecs.TaskDefinitions;
using Berth.ControlPlane.Placement;
using Berth.ControlPlane.Placement.Engine;
using Berth.Domain;
using EcsTask = Berth.Aws.Generated.Ecs.Task;

namespace Berth.ControlPlane.Ecs.Tasks;

/// <summary>RunTask and StartTask: the request is checked before anything is placed, then <see cref="TaskPlacer"/> places the
/// tasks through the placement batcher that service tasks share, so neither over-commits the other.</summary>
public sealed class RunTaskHandler(EcsStore store, ClusterResolver clusters, TaskDefinitionResolver definitions, TaskPlacer placer, TimeProvider time)
{
    private readonly RunTaskTokens tokens = new(store);

    public async ValueTask<RunTaskResponse> RunTask(RequestContext context, RunTaskRequest request, CancellationToken cancellationToken)
    {
        var launchType = RunTaskRules.Check(request);
        var scope = context.Scope();
        var fingerprint = RunTaskTokens.Fingerprint(request);
        if (request.ClientToken is { Length: > 0 } token && await tokens.FindAsync(scope, token, cancellationToken).ConfigureAwait(false) is { } used)
        {
            return used.Fingerprint == fingerprint
                ? new RunTaskResponse { Tasks = await tokens.TasksAsync(scope, used, cancellationToken).ConfigureAwait(false), Failures = [] }
                : throw RunTaskTokens.Conflict(used);
        }

        var (cluster, definition, launch) = await PrepareAsync(
            scope, new TaskRequest(request.Cluster, request.TaskDefinition, request.Overrides, request.Group, request.StartedBy, request.Tags, request.PropagateTags),
            launchType, cancellationToken).ConfigureAwait(false);
        var rules = PlacementRulesReader.Read(definition.PlacementConstraints, request.PlacementConstraints, request.PlacementStrategy);
        (string, string)? claim = request.ClientToken is { Length: > 0 } claimed ? (claimed, fingerprint) : null;
        var placed = await placer.PlaceAsync(
            scope, new TaskPlacement(cluster, null, definition, launch, rules, request.Count ?? 1, claim), cancellationToken).ConfigureAwait(false);
        return placed.NoActiveInstance ? throw TaskErrors.NoInstances() : new RunTaskResponse { Tasks = placed.Tasks, Failures = placed.Failures };
    }

    /// <summary>StartTask: one task on each named instance, with RunTask's checks, reservation and failures (MISSING for an
    /// instance the cluster does not have, INACTIVE for one not ACTIVE).</summary>
    public async ValueTask<StartTaskResponse> StartTask(RequestContext context, StartTaskRequest request, CancellationToken cancellationToken)
    {
        StartTaskRules.Check(request);
        var scope = context.Scope();
        var (cluster, definition, launch) = await PrepareAsync(
            scope, new TaskRequest(request.Cluster, request.TaskDefinition, request.Overrides, request.Group, request.StartedBy, request.Tags, request.PropagateTags),
            LaunchType.Ec2, cancellationToken).ConfigureAwait(false);
        var placed = new List<EcsTask>();
        var failures = new List<Failure>();
        foreach (var named in request.ContainerInstances!)
        {
            var outcome = await placer.PlaceAsync(
                scope, new TaskPlacement(cluster, named, definition, launch, PlacementRules.None, 1), cancellationToken).ConfigureAwait(false);
            placed.AddRange(outcome.Tasks);
            failures.AddRange(outcome.Failures);
        }

        return new StartTaskResponse { Tasks = placed, Failures = failures };
    }

    /// <summary>What RunTask and StartTask share about the task to start.</summary>
    private sealed record TaskRequest(
        string? Cluster, string? TaskDefinition, TaskOverride? Overrides, string? Group, string? StartedBy, List<Tag>? Tags, string? PropagateTags);

    /// <summary>The cluster, the definition with overrides applied and the task's launch fields; refuses before anything is placed.</summary>
    private async ValueTask<(string Cluster, TaskDefinition Definition, TaskFactory.Launch Launch)> PrepareAsync(
        ResourceScope scope, TaskRequest request, string launchType, CancellationToken cancellationToken)
    {
        var cluster = await clusters.ActiveNameAsync(scope, request.Cluster, cancellationToken).ConfigureAwait(false);
        var stored = await definitions.FindAsync(scope, request.TaskDefinition!, cancellationToken).ConfigureAwait(false)
            ?? throw TaskErrors.TaskDefinitionNotFound();
        var runnable = RunTaskRules.EnsureRunnable(stored.Value.Definition, launchType);
        var definition = TaskOverrides.Apply(runnable, request.Overrides);
        RunTaskRules.EnsureRunnable(request.Overrides, runnable);
        var launch = new TaskFactory.Launch(
            launchType,
            request.Group ?? $"family:{definition.Family}",
            request.StartedBy,
            RunTaskRules.Tags(request.Tags, request.PropagateTags, stored.Value.Tags),
            TaskOverrides.Echo(request.Overrides),
            time.GetUtcNow());
        return (cluster, definition, launch);
    }
}
