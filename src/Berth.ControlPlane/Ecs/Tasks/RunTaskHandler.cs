using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Clusters;
using Berth.ControlPlane.Ecs.ContainerInstances;
using Berth.ControlPlane.Ecs.TaskDefinitions;
using Berth.ControlPlane.Placement;
using Berth.ControlPlane.Placement.Engine;
using Berth.ControlPlane.Storage;
using Berth.Domain;
using Berth.State;
using EcsTask = Berth.Aws.Generated.Ecs.Task;

namespace Berth.ControlPlane.Ecs.Tasks;

/// <summary>RunTask and StartTask: the placement engine plans where the tasks go, and the plan is written in one transaction
/// with the chosen instances' reservations and the cluster's pending count, each at the version read, so concurrent calls
/// re-plan on fresh state instead of over-committing.</summary>
public sealed class RunTaskHandler(
    EcsStore store, ClusterResolver clusters, TaskDefinitionResolver definitions, ContainerInstanceResolver instances, TaskResolver tasks,
    IIdSource ids, TimeProvider time, Random? seeds = null)
{
    /// <summary>Where each plan's seed comes from: shared randomness in the product, a seeded sequence in tests.</summary>
    private readonly Random seeds = seeds ?? Random.Shared;

    private readonly RunTaskTokens tokens = new(store);

    public async ValueTask<RunTaskResponse> RunTask(RequestContext context, RunTaskRequest request, CancellationToken cancellationToken)
    {
        var launchType = RunTaskRules.Check(request);
        var scope = context.Scope();
        var fingerprint = RunTaskTokens.Fingerprint(request);
        if (request.ClientToken is { Length: > 0 } token && await tokens.FindAsync(scope, token, cancellationToken).ConfigureAwait(false) is { } used)
        {
            return used.Fingerprint == fingerprint ? await AnswerAgainAsync(scope, used, cancellationToken).ConfigureAwait(false) : throw RunTaskTokens.Conflict(used);
        }

        var (cluster, definition, reservation, launch) = await PrepareAsync(
            scope, new TaskRequest(request.Cluster, request.TaskDefinition, request.Overrides, request.Group, request.StartedBy, request.Tags, request.PropagateTags),
            launchType, cancellationToken).ConfigureAwait(false);
        var rules = PlacementRulesReader.Read(definition.PlacementConstraints, request.PlacementConstraints, request.PlacementStrategy);
        Func<IEnumerable<EcsTask>, WriteOp>? tokenWrite = request.ClientToken is { Length: > 0 } claimed
            ? placed => tokens.Write(scope, claimed, fingerprint, [.. placed.Select(p => p.TaskArn!)])
            : null;
        try
        {
            var (placed, failures) = await PlaceAsync(
                scope, cluster, null, definition, reservation, launch, rules, request.Count ?? 1, tokenWrite, cancellationToken).ConfigureAwait(false);
            return new RunTaskResponse { Tasks = placed, Failures = failures };
        }
        catch (ConcurrencyConflictException e) when (e.Kind == RunTaskTokens.Kind)
        {
            // The same new token in two calls at once: the one that committed first placed the tasks; this one answers them.
            var raced = (await tokens.FindAsync(scope, request.ClientToken!, cancellationToken).ConfigureAwait(false))!;
            return raced.Fingerprint == fingerprint ? await AnswerAgainAsync(scope, raced, cancellationToken).ConfigureAwait(false) : throw RunTaskTokens.Conflict(raced);
        }
    }

    /// <summary>StartTask: one task on each named instance, with RunTask's checks, reservation and failures (MISSING for an
    /// instance the cluster does not have, INACTIVE for one not ACTIVE).</summary>
    public async ValueTask<StartTaskResponse> StartTask(RequestContext context, StartTaskRequest request, CancellationToken cancellationToken)
    {
        StartTaskRules.Check(request);
        var scope = context.Scope();
        var (cluster, definition, reservation, launch) = await PrepareAsync(
            scope, new TaskRequest(request.Cluster, request.TaskDefinition, request.Overrides, request.Group, request.StartedBy, request.Tags, request.PropagateTags),
            LaunchType.Ec2, cancellationToken).ConfigureAwait(false);
        var placed = new List<EcsTask>();
        var failures = new List<Failure>();
        foreach (var named in request.ContainerInstances!)
        {
            var (tasks, refusals) = await PlaceAsync(
                scope, cluster, named, definition, reservation, launch, PlacementRules.None, 1, null, cancellationToken).ConfigureAwait(false);
            placed.AddRange(tasks);
            failures.AddRange(refusals);
        }

        return new StartTaskResponse { Tasks = placed, Failures = failures };
    }

    /// <summary>What RunTask and StartTask share about the task to start.</summary>
    private sealed record TaskRequest(
        string? Cluster, string? TaskDefinition, TaskOverride? Overrides, string? Group, string? StartedBy, List<Tag>? Tags, string? PropagateTags);

    /// <summary>The cluster, the definition with overrides applied, its reservation and the task's launch fields; refuses
    /// before anything is placed.</summary>
    private async ValueTask<(string Cluster, TaskDefinition Definition, TaskReservation Reservation, TaskFactory.Launch Launch)> PrepareAsync(
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
        return (cluster, definition, TaskReservation.Of(definition), launch);
    }

    /// <summary>A repeated request's answer: the tasks its token placed, as they are now.</summary>
    private async ValueTask<RunTaskResponse> AnswerAgainAsync(ResourceScope scope, RunTaskToken used, CancellationToken cancellationToken)
    {
        var found = new List<EcsTask>();
        foreach (var arn in used.TaskArns)
        {
            if (await store.Tasks.GetAsync(scope.Partition, TaskResolver.KeyOf(new EcsTask { TaskArn = arn }), cancellationToken).ConfigureAwait(false) is { } task)
            {
                found.Add(task.Value);
            }
        }

        return new RunTaskResponse { Tasks = found, Failures = [] };
    }

    /// <summary>Places <paramref name="count"/> tasks in the cluster, or one on the <paramref name="named"/> instance only: one
    /// plan from a snapshot, committed in one transaction with each chosen instance and the cluster at the versions read, so
    /// a RunTask that lost a race plans again on fresh state instead of over-committing. <paramref name="alsoWrite"/> adds
    /// a write (the clientToken's) to that transaction.</summary>
    private async ValueTask<(List<EcsTask> Tasks, List<Failure> Failures)> PlaceAsync(
        ResourceScope scope, string cluster, string? named, TaskDefinition definition, TaskReservation reservation, TaskFactory.Launch launch,
        PlacementRules rules, int count, Func<IEnumerable<EcsTask>, WriteOp>? alsoWrite, CancellationToken cancellationToken)
    {
        return await Optimistic.RetryAsync<(List<EcsTask>, List<Failure>)>(async () =>
        {
            var current = await clusters.FindActiveAsync(scope, cluster, cancellationToken).ConfigureAwait(false);
            var candidates = new List<Versioned<ContainerInstance>>();
            if (named is not null)
            {
                if (await instances.FindAsync(scope, cluster, named, cancellationToken).ConfigureAwait(false) is not { } found)
                {
                    return ([], [new Failure { Arn = ContainerInstanceResolver.ArnOf(scope, cluster, named), Reason = TaskFailureReasons.Missing }]);
                }

                if (found.Value.Status != InstanceStatus.Active)
                {
                    return ([], [new Failure { Arn = found.Value.ContainerInstanceArn, Reason = TaskFailureReasons.Inactive }]);
                }

                candidates.Add(found);
            }
            else
            {
                await foreach (var instance in store.ContainerInstances.ScanAsync(scope.Partition, EcsStore.ContainerInstancePrefix(cluster), cancellationToken)
                    .ConfigureAwait(false))
                {
                    if (instance.Value.Status != InstanceStatus.Inactive)
                    {
                        candidates.Add(instance);
                    }
                }

                if (!candidates.Any(c => c.Value.Status == InstanceStatus.Active))
                {
                    throw TaskErrors.NoInstances();
                }
            }

            var placedTasks = rules.CountsGroups ? await tasks.PlacedAsync(scope, cluster, cancellationToken).ConfigureAwait(false) : [];
            var snapshot = ClusterSnapshot.Of(candidates.Select(c => c.Value), placedTasks);
            var plan = PlacementEngine.Plan(snapshot, new PlacementRequest(reservation.Demand(definition), launch.Group, rules, count, seeds.Next()));
            var failures = plan.Unplaced == 0 ? [] : plan.Refused.Select(r => new Failure { Arn = r.Instance.Arn, Reason = r.Reason }).ToList();
            if (plan.Placements.IsEmpty)
            {
                return ([], failures);
            }

            var read = candidates.ToDictionary(c => c.Value.ContainerInstanceArn!, StringComparer.Ordinal);
            var created = new List<EcsTask>();
            var writes = new List<WriteOp>();
            foreach (var onInstance in plan.Chosen.GroupBy(chosen => chosen.Arn, StringComparer.Ordinal))
            {
                var (instance, version) = (read[onInstance.Key].Value, read[onInstance.Key].Version);
                var freeGpus = new Queue<string>(instance.RemainingResources?.FirstOrDefault(r => r.Name == InstanceResources.Gpu)?.StringSetValue ?? []);
                var here = onInstance
                    .Select(_ => TaskFactory.Create(
                        scope, cluster, ids.NewId(), definition, instance, launch, () => Guid.NewGuid().ToString(),
                        [.. Enumerable.Range(0, reservation.Gpus).Select(_ => freeGpus.Dequeue())]))
                    .ToList();
                created.AddRange(here);
                writes.Add(instances.Write(scope, TaskAccounting.Reserve(instance, [.. here.Select(reservation.Of)]), version));
            }

            await store.Store.ApplyAsync(
                [
                    .. alsoWrite is null ? [] : new[] { alsoWrite(created) },
                    .. created.Select(task => tasks.Write(scope, task, 0)),
                    .. writes,
                    store.Clusters.Put(
                        scope.Partition,
                        cluster,
                        current.Value with { PendingTasksCount = (current.Value.PendingTasksCount ?? 0) + created.Count },
                        current.Version),
                ],
                cancellationToken).ConfigureAwait(false);
            return (created, failures);
        }).ConfigureAwait(false);
    }
}
