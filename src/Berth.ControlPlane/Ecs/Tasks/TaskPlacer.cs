using Berth.Aws.Generated.Ecs;
using Berth.Aws.Protocol;
using Berth.ControlPlane.Ecs.Clusters;
using Berth.ControlPlane.Ecs.ContainerInstances;
using Berth.ControlPlane.Placement.Engine;
using Berth.ControlPlane.Storage;
using Berth.Domain;
using Berth.State;
using EcsTask = Berth.Aws.Generated.Ecs.Task;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Ecs.Tasks;

/// <summary>What is to be placed: <see cref="Count"/> tasks of a definition (overrides applied) in a cluster, or one on the
/// <see cref="Named"/> instance only, with the launch fields every task gets and the rules placement follows.</summary>
/// <param name="Claim">RunTask's clientToken and request fingerprint, whose document is written with the tasks.</param>
public sealed record TaskPlacement(
    string Cluster, string? Named, TaskDefinition Definition, TaskFactory.Launch Launch, PlacementRules Rules, int Count,
    (string Token, string Fingerprint)? Claim = null);

/// <summary>The tasks placed (stored PENDING), the instances that refused a task when some were left unplaced, and whether
/// the cluster had no ACTIVE instance to consider at all (RunTask's error, the service event's "no container instances").</summary>
public sealed record PlacedTasks(List<EcsTask> Tasks, List<Failure> Failures, bool NoActiveInstance);

/// <summary>Places tasks for RunTask, StartTask and the service scheduler alike, through this process's one
/// <see cref="PlacementBatcher"/>: each placement is a job of its cluster's next batch, planned by the placement engine on
/// the batch's view of the cluster and written with the chosen instances' reservations and the cluster's pending count in
/// one transaction at the versions read, so concurrent placements re-plan on fresh state instead of over-committing.</summary>
public sealed class TaskPlacer(
    EcsStore store, ClusterResolver clusters, ContainerInstanceResolver instances, TaskResolver tasks, IIdSource ids, Random? seeds = null)
{
    /// <summary>Where each plan's seed comes from: shared randomness in the product, a seeded sequence in tests.</summary>
    private readonly Random seeds = seeds ?? Random.Shared;

    private readonly RunTaskTokens tokens = new(store);

    /// <summary>This process's placement batches, one queue per cluster (the placer is a singleton).</summary>
    private readonly PlacementBatcher batcher = new();

    public async Task<PlacedTasks> PlaceAsync(ResourceScope scope, TaskPlacement placement, CancellationToken cancellationToken)
    {
        var reservation = TaskReservation.Of(placement.Definition);
        var job = new PlacementJob(placement.Claim?.Token, placement.Rules.CountsGroups, async view =>
        {
            // A request with the same token may have been placed since RunTask looked: its batch has committed by now.
            if (placement.Claim is { } claimed && await tokens.FindAsync(scope, claimed.Token, CancellationToken.None).ConfigureAwait(false) is { } used)
            {
                return used.Fingerprint == claimed.Fingerprint
                    ? new(await tokens.TasksAsync(scope, used, CancellationToken.None).ConfigureAwait(false), [], [])
                    : throw RunTaskTokens.Conflict(used);
            }

            if (Candidates(scope, placement, view) is not { } candidates)
            {
                return new([], [], []) { NoActiveInstance = true };
            }

            if (candidates.Failure is { } refused)
            {
                return new([], [refused], []);
            }

            var snapshot = ClusterSnapshot.Of(candidates.Instances, placement.Rules.CountsGroups ? view.PlacedTasks : []);
            var plan = PlacementEngine.Plan(
                snapshot,
                new PlacementRequest(reservation.Demand(placement.Definition), placement.Launch.Group, placement.Rules, placement.Count, seeds.Next()));
            var failures = plan.Unplaced == 0 ? [] : plan.Refused.Select(r => new Failure { Arn = r.Instance.Arn, Reason = r.Reason }).ToList();
            var created = Create(scope, placement, reservation, view, plan);
            if (created.Count == 0)
            {
                return new([], failures, []);
            }

            view.Place(created, reservation);
            return new(created, failures,
            [
                .. placement.Claim is { } token ? new[] { tokens.Write(scope, token.Token, token.Fingerprint, [.. created.Select(t => t.TaskArn!)]) } : [],
                .. created.Select(task => tasks.Write(scope, task, 0)),
            ]);
        });
        var placed = await batcher.PlaceAsync(scope, placement.Cluster, job, RunBatchAsync, cancellationToken).ConfigureAwait(false);
        return new PlacedTasks(placed.Tasks, placed.Failures, placed.NoActiveInstance);
    }

    /// <summary>The instances a placement may consider: the named one when it is there and ACTIVE (else the failure StartTask
    /// reports: MISSING or INACTIVE), or every registered one; null when the cluster has no ACTIVE instance at all.</summary>
    private static (List<ContainerInstance> Instances, Failure? Failure)? Candidates(ResourceScope scope, TaskPlacement placement, PlacementView view)
    {
        if (placement.Named is not { } named)
        {
            var registered = view.Registered.ToList();
            return registered.Any(c => c.Status == InstanceStatus.Active) ? (registered, null) : null;
        }

        if (view.Find(named) is not { } found)
        {
            return ([], new Failure { Arn = ContainerInstanceResolver.ArnOf(scope, placement.Cluster, named), Reason = TaskFailureReasons.Missing });
        }

        return found.Status == InstanceStatus.Active
            ? ([found], null)
            : ([], new Failure { Arn = found.ContainerInstanceArn, Reason = TaskFailureReasons.Inactive });
    }

    /// <summary>The plan's tasks, each handed its share of its instance's free GPUs.</summary>
    private List<EcsTask> Create(ResourceScope scope, TaskPlacement placement, TaskReservation reservation, PlacementView view, PlacementPlan plan)
    {
        var freeGpus = new Dictionary<string, Queue<string>>(StringComparer.Ordinal);
        return plan.Chosen
            .Select(chosen =>
            {
                var instance = view.Instance(chosen.Arn);
                var free = freeGpus.TryGetValue(chosen.Arn, out var left) ? left : freeGpus[chosen.Arn] = new(InstanceResources.FreeGpus(instance));
                return TaskFactory.Create(
                    scope, placement.Cluster, ids.NewId(), placement.Definition, instance, placement.Launch, () => Guid.NewGuid().ToString(),
                    [.. Enumerable.Range(0, reservation.Gpus).Select(_ => free.Dequeue())]);
            })
            .ToList();
    }

    /// <summary>One batch: read the cluster once, let each job plan in turn on what the earlier ones left, and commit every
    /// job's writes with the changed instances and cluster in one transaction. A job refused with an ECS error (its
    /// clientToken taken by other parameters) gets that error alone; a lost race re-runs the whole batch on fresh state.</summary>
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
