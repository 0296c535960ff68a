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

/// <summary>SubmitTaskStateChange and SubmitContainerStateChange: the agent's progress reports. The task, its instance's
/// counts and reservation, and the cluster's counts change in one transaction at the versions read, so two concurrent
/// reports never move or release a task twice.</summary>
public sealed class TaskStateChangeHandlers(
    EcsStore store, ClusterResolver clusters, TaskResolver tasks, TaskDefinitionResolver definitions, ContainerInstanceResolver instances,
    TimeProvider time)
{
    /// <summary>What ECS answers a report it took.</summary>
    public const string Acknowledgment = "ACK";

    public async ValueTask<SubmitTaskStateChangeResponse> SubmitTaskStateChange(
        RequestContext context, SubmitTaskStateChangeRequest request, CancellationToken cancellationToken)
    {
        await ApplyAsync(context, "SubmitTaskStateChange", request.Cluster, request.Task, TaskStateReport.Of(request), cancellationToken).ConfigureAwait(false);
        return new SubmitTaskStateChangeResponse { Acknowledgment = Acknowledgment };
    }

    public async ValueTask<SubmitContainerStateChangeResponse> SubmitContainerStateChange(
        RequestContext context, SubmitContainerStateChangeRequest request, CancellationToken cancellationToken)
    {
        await ApplyAsync(context, "SubmitContainerStateChange", request.Cluster, request.Task, TaskStateReport.Of(request), cancellationToken)
            .ConfigureAwait(false);
        return new SubmitContainerStateChangeResponse { Acknowledgment = Acknowledgment };
    }

    private async ValueTask ApplyAsync(
        RequestContext context, string operation, string? clusterIdentifier, string? taskIdentifier, TaskStateReport report, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        var cluster = await clusters.ActiveNameAsync(scope, clusterIdentifier, cancellationToken).ConfigureAwait(false);
        await Optimistic.RetryAsync(async () =>
        {
            var current = await tasks.FindAsync(scope, cluster, taskIdentifier ?? "", cancellationToken).ConfigureAwait(false) ?? throw TaskErrors.NotFound();
            if (context.Principal.Credential.BoundContainerInstanceArn is { } bound && bound != current.Value.ContainerInstanceArn)
            {
                throw TaskErrors.NotOnCaller(context.PrincipalArn, operation, current.Value.TaskArn);
            }

            var next = TaskStateTransition.Apply(current.Value, report, time.GetUtcNow());
            if (!TaskStateTransition.Changed(current.Value, next))
            {
                return false;
            }

            var writes = new List<WriteOp> { tasks.Write(scope, next with { Version = (next.Version ?? 0) + 1 }, current.Version) };
            var (from, to) = (TaskAccounting.PhaseOf(current.Value), TaskAccounting.PhaseOf(next));
            if (from != to)
            {
                writes.AddRange(await CountWritesAsync(scope, cluster, next, from, to, cancellationToken).ConfigureAwait(false));
            }

            await store.Store.ApplyAsync(writes, cancellationToken).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
    }

    /// <summary>The instance's and the cluster's side of a move; an instance deregistered meanwhile is left alone.</summary>
    private async ValueTask<List<WriteOp>> CountWritesAsync(
        ResourceScope scope, string cluster, EcsTask task, TaskAccounting.Phase from, TaskAccounting.Phase to, CancellationToken cancellationToken)
    {
        var writes = new List<WriteOp>();
        var instance = task.ContainerInstanceArn is { } arn ? await instances.FindAsync(scope, cluster, arn, cancellationToken).ConfigureAwait(false) : null;
        if (instance is not null && InstanceStatus.IsRegistered(instance.Value.Status))
        {
            var reservation = await ReservationAsync(scope, task, cancellationToken).ConfigureAwait(false);
            writes.Add(instances.Write(scope, TaskAccounting.Move(instance.Value, from, to, reservation), instance.Version));
        }

        if (await store.Clusters.GetAsync(scope.Partition, cluster, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            writes.Add(store.Clusters.Put(scope.Partition, cluster, TaskAccounting.Move(stored.Value, from, to), stored.Version));
        }

        return writes;
    }

    /// <summary>What RunTask reserved for the task: its revision (kept even when inactive) with the task's overrides applied, and
    /// the GPUs its containers were given.</summary>
    private async ValueTask<TaskReservation> ReservationAsync(ResourceScope scope, EcsTask task, CancellationToken cancellationToken)
    {
        var stored = await definitions.FindAsync(scope, task.TaskDefinitionArn!, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"Task {task.TaskArn} names task definition {task.TaskDefinitionArn}, which is not stored.");
        return TaskReservation.Of(TaskOverrides.Apply(stored.Value.Definition, task.Overrides)).Of(task);
    }
}
