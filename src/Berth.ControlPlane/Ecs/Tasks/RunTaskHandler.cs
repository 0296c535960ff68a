using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Clusters;
using Berth.ControlPlane.Ecs.ContainerInstances;
using Berth.ControlPlane.Ecs.TaskDefinitions;
using Berth.ControlPlane.Storage;
using Berth.Domain;
using Berth.State;
using EcsTask = Berth.Aws.Generated.Ecs.Task;

namespace Berth.ControlPlane.Ecs.Tasks;

/// <summary>RunTask: each task is placed first-fit and written in one transaction with its instance's reservation and the
/// cluster's pending count, each at the version read, so concurrent RunTasks retry on fresh state instead of over-committing.</summary>
public sealed class RunTaskHandler(
    EcsStore store, ClusterResolver clusters, TaskDefinitionResolver definitions, ContainerInstanceResolver instances, TaskResolver tasks,
    IIdSource ids, TimeProvider time)
{
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
        var placed = new List<EcsTask>();
        var failures = new List<Failure>();
        for (var i = 0; i < (request.Count ?? 1); i++)
        {
            var tokenWrite = request.ClientToken is { Length: > 0 } claimed
                ? (Func<EcsTask, WriteOp>)(task => tokens.Write(scope, claimed, fingerprint, [.. placed.Select(p => p.TaskArn!), task.TaskArn!]))
                : null;
            var (task, failure) = await PlaceAsync(scope, cluster, null, definition, reservation, launch, tokenWrite, cancellationToken).ConfigureAwait(false);
            if (task is not null)
            {
                placed.Add(task);
            }
            else if (!failures.Any(f => f.Arn == failure!.Arn && f.Reason == failure.Reason))
            {
                failures.Add(failure!);
            }
        }

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
            var (task, failure) = await PlaceAsync(scope, cluster, named, definition, reservation, launch, null, cancellationToken).ConfigureAwait(false);
            if (task is not null)
            {
                placed.Add(task);
            }
            else
            {
                failures.Add(failure!);
            }
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

    /// <summary>Places one task, first fit in the cluster or on the <paramref name="named"/> instance only; <paramref name="alsoWrite"/>
    /// adds a write (the clientToken's) to the placement's transaction.</summary>
    private async ValueTask<(EcsTask? Task, Failure? Failure)> PlaceAsync(
        ResourceScope scope, string cluster, string? named, TaskDefinition definition, TaskReservation reservation, TaskFactory.Launch launch,
        Func<EcsTask, WriteOp>? alsoWrite, CancellationToken cancellationToken)
    {
        var taskId = ids.NewId();
        return await Optimistic.RetryAsync<(EcsTask?, Failure?)>(async () =>
        {
            var current = await clusters.FindActiveAsync(scope, cluster, cancellationToken).ConfigureAwait(false);
            var candidates = new List<Versioned<ContainerInstance>>();
            if (named is not null)
            {
                if (await instances.FindAsync(scope, cluster, named, cancellationToken).ConfigureAwait(false) is not { } found)
                {
                    return (null, new Failure { Arn = ContainerInstanceResolver.ArnOf(scope, cluster, named), Reason = TaskFailureReasons.Missing });
                }

                if (found.Value.Status != InstanceStatus.Active)
                {
                    return (null, new Failure { Arn = found.Value.ContainerInstanceArn, Reason = TaskFailureReasons.Inactive });
                }

                candidates.Add(found);
            }
            else
            {
                await foreach (var instance in store.ContainerInstances.ScanAsync(scope.Partition, EcsStore.ContainerInstancePrefix(cluster), cancellationToken)
                    .ConfigureAwait(false))
                {
                    candidates.Add(instance);
                }

                if (!candidates.Any(c => c.Value.Status == InstanceStatus.Active))
                {
                    throw TaskErrors.NoInstances();
                }
            }

            var (chosen, failure) = TaskPlacement.Choose(candidates.Select(c => c.Value), reservation);
            if (chosen is null)
            {
                return (null, failure);
            }

            var read = candidates.First(c => ReferenceEquals(c.Value, chosen));
            var task = TaskFactory.Create(scope, cluster, taskId, definition, chosen, launch, () => Guid.NewGuid().ToString());
            WriteOp[] extra = alsoWrite is null ? [] : [alsoWrite(task)];
            await store.Store.ApplyAsync(
                [
                    .. extra,
                    tasks.Write(scope, task, 0),
                    instances.Write(scope, TaskPlacement.Reserve(chosen, reservation), read.Version),
                    store.Clusters.Put(
                        scope.Partition,
                        cluster,
                        current.Value with { PendingTasksCount = (current.Value.PendingTasksCount ?? 0) + 1 },
                        current.Version),
                ],
                cancellationToken).ConfigureAwait(false);
            return (task, null);
        }).ConfigureAwait(false);
    }
}
