using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Ecs;
using Berth.Aws.Protocol;
using Berth.ControlPlane.Ecs.Clusters;
using Berth.ControlPlane.Ecs.ContainerInstances;
using Berth.ControlPlane.Ecs.TaskDefinitions;
using Berth.ControlPlane.Placement;
using Berth.ControlPlane.Placement.Engine;
using Berth.ControlPlane.Storage;
using Berth.Domain;
using Berth.State;
using EcsTask = Berth.Aws.Generated.Ecs.Task;
using Task = System.Threading.Tasks.Task;

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

    /// <summary>This process's placement batches, one queue per cluster (the handler is a singleton).</summary>
    private readonly PlacementBatcher batcher = new();

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
        (string, string)? claim = request.ClientToken is { Length: > 0 } claimed ? (claimed, fingerprint) : null;
        var (placed, failures) = await PlaceAsync(
            scope, cluster, null, definition, reservation, launch, rules, request.Count ?? 1, claim, cancellationToken).ConfigureAwait(false);
        return new RunTaskResponse { Tasks = placed, Failures = failures };
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

    /// <summary>Places <paramref name="count"/> tasks in the cluster, or one on the <paramref name="named"/> instance only, as
    /// one job of the cluster's next batch (<see cref="PlacementBatcher"/>): one plan on the batch's view of the cluster,
    /// committed with the rest of the batch in one transaction at the versions read, so a batch that lost a race with
    /// another writer plans again on fresh state instead of over-committing. <paramref name="claim"/> is RunTask's
    /// clientToken, whose document is written in the same transaction.</summary>
    private async ValueTask<(List<EcsTask> Tasks, List<Failure> Failures)> PlaceAsync(
        ResourceScope scope, string cluster, string? named, TaskDefinition definition, TaskReservation reservation, TaskFactory.Launch launch,
        PlacementRules rules, int count, (string Token, string Fingerprint)? claim, CancellationToken cancellationToken)
    {
        var job = new PlacementJob(claim?.Token, rules.CountsGroups, async view =>
        {
            // A request with the same token may have been placed since RunTask looked: its batch has committed by now.
            if (claim is { } claimed && await tokens.FindAsync(scope, claimed.Token, CancellationToken.None).ConfigureAwait(false) is { } used)
            {
                return used.Fingerprint == claimed.Fingerprint
                    ? new((await AnswerAgainAsync(scope, used, CancellationToken.None).ConfigureAwait(false)).Tasks!, [], [])
                    : throw RunTaskTokens.Conflict(used);
            }

            var candidates = new List<ContainerInstance>();
            if (named is not null)
            {
                if (view.Find(named) is not { } found)
                {
                    return new([], [new Failure { Arn = ContainerInstanceResolver.ArnOf(scope, cluster, named), Reason = TaskFailureReasons.Missing }], []);
                }

                if (found.Status != InstanceStatus.Active)
                {
                    return new([], [new Failure { Arn = found.ContainerInstanceArn, Reason = TaskFailureReasons.Inactive }], []);
                }

                candidates.Add(found);
            }
            else
            {
                candidates.AddRange(view.Registered);
                if (!candidates.Any(c => c.Status == InstanceStatus.Active))
                {
                    throw TaskErrors.NoInstances();
                }
            }

            var snapshot = ClusterSnapshot.Of(candidates, rules.CountsGroups ? view.PlacedTasks : []);
            var plan = PlacementEngine.Plan(snapshot, new PlacementRequest(reservation.Demand(definition), launch.Group, rules, count, seeds.Next()));
            var failures = plan.Unplaced == 0 ? [] : plan.Refused.Select(r => new Failure { Arn = r.Instance.Arn, Reason = r.Reason }).ToList();
            var freeGpus = new Dictionary<string, Queue<string>>(StringComparer.Ordinal);
            var created = plan.Chosen
                .Select(chosen =>
                {
                    var instance = view.Instance(chosen.Arn);
                    var free = freeGpus.TryGetValue(chosen.Arn, out var left) ? left : freeGpus[chosen.Arn] = new(InstanceResources.FreeGpus(instance));
                    return TaskFactory.Create(
                        scope, cluster, ids.NewId(), definition, instance, launch, () => Guid.NewGuid().ToString(),
                        [.. Enumerable.Range(0, reservation.Gpus).Select(_ => free.Dequeue())]);
                })
                .ToList();
            if (created.Count == 0)
            {
                return new([], failures, []);
            }

            view.Place(created, reservation);
            return new(created, failures,
            [
                .. claim is { } token ? new[] { tokens.Write(scope, token.Token, token.Fingerprint, [.. created.Select(t => t.TaskArn!)]) } : [],
                .. created.Select(task => tasks.Write(scope, task, 0)),
            ]);
        });
        var placed = await batcher.PlaceAsync(scope, cluster, job, RunBatchAsync, cancellationToken).ConfigureAwait(false);
        return (placed.Tasks, placed.Failures);
    }

    /// <summary>One batch: read the cluster once, let each job plan in turn on what the earlier ones left, and commit every
    /// job's writes with the changed instances and cluster in one transaction. A job refused with an ECS error (no instances,
    /// its clientToken taken by other parameters) gets that error alone; a lost race re-runs the whole batch on fresh state.</summary>
    private async Task RunBatchAsync(ResourceScope scope, string cluster, IReadOnlyList<PlacementJob> jobs)
    {
        var outcomes = await Optimistic.RetryAsync(async () =>
        {
            var view = await PlacementView.ReadAsync(store, clusters, tasks, scope, cluster, jobs.Any(j => j.CountsGroups), CancellationToken.None)
                .ConfigureAwait(false);
            var planned = new List<(PlacementJob.Placed? Placed, AwsException? Refusal)>(jobs.Count);
            foreach (var job in jobs)
            {
                planned.Add(await AttemptAsync(job, view).ConfigureAwait(false));
            }

            List<WriteOp> writes = [.. planned.SelectMany(p => p.Placed?.Writes ?? []), .. view.Writes(store, instances)];
            if (writes.Count > 0)
            {
                await store.Store.ApplyAsync(writes, CancellationToken.None).ConfigureAwait(false);
            }

            return planned;
        }).ConfigureAwait(false);
        foreach (var (job, outcome) in jobs.Zip(outcomes))
        {
            if (outcome.Placed is { } placed)
            {
                job.Complete(placed);
            }
            else
            {
                job.Fail(outcome.Refusal!);
            }
        }
    }

    /// <summary>A job's plan, or the ECS error it was refused with (its writes then stay out of the batch).</summary>
    private static async ValueTask<(PlacementJob.Placed? Placed, AwsException? Refusal)> AttemptAsync(PlacementJob job, PlacementView view)
    {
        try
        {
            return (await job.PlanAsync(view).ConfigureAwait(false), null);
        }
        catch (AwsException refused)
        {
            return (null, refused);
        }
    }
}
