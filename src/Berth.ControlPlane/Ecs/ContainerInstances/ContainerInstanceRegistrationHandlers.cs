using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Clusters;
using Berth.ControlPlane.Storage;
using Berth.Domain;
using Berth.State;

namespace Berth.ControlPlane.Ecs.ContainerInstances;

/// <summary>RegisterContainerInstance and DeregisterContainerInstance: the calls that change which instances a cluster has,
/// so each writes the instance and the cluster's <c>registeredContainerInstancesCount</c> in one transaction.</summary>
public sealed class ContainerInstanceRegistrationHandlers(
    EcsStore store, ClusterResolver clusters, ContainerInstanceResolver instances, IIdSource ids, TimeProvider time)
{
    /// <summary>Registers a new instance, or re-registers the one <c>containerInstanceArn</c> names (same ARN, new
    /// resources). Berth takes the agent's word for its resources: there is no instance identity document to check them by.</summary>
    public async ValueTask<RegisterContainerInstanceResponse> RegisterContainerInstance(
        RequestContext context, RegisterContainerInstanceRequest request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        var registration = InstanceRegistration.Check(request);
        var reference = request.ContainerInstanceArn is { Length: > 0 } arn
            ? ContainerInstanceReference.Parse(scope, arn) ?? throw ContainerInstanceErrors.InvalidArn(arn)
            : null;
        var newId = ids.NewId();

        var instance = await Optimistic.RetryAsync(async () =>
        {
            var cluster = await clusters.FindActiveAsync(scope, ClusterResolver.OrDefault(request.Cluster), cancellationToken).ConfigureAwait(false);
            var name = cluster.Value.ClusterName!;
            Versioned<ContainerInstance>? existing = null;
            if (reference is not null)
            {
                existing = await instances.FindAsync(scope, name, reference, cancellationToken).ConfigureAwait(false)
                    ?? throw ContainerInstanceErrors.InvalidArn(request.ContainerInstanceArn!);
            }

            var registered = existing is null
                ? ContainerInstanceFactory.Create(scope, name, newId, registration, time.GetUtcNow())
                : ContainerInstanceFactory.Reregister(existing.Value, registration, scope.Region, time.GetUtcNow());
            List<WriteOp> writes = [instances.Write(scope, registered, existing?.Version ?? 0)];
            if (!InstanceStatus.IsRegistered(existing?.Value.Status))
            {
                writes.Add(CountChange(scope, cluster, +1));
            }

            await store.Store.ApplyAsync(writes, cancellationToken).ConfigureAwait(false);
            return registered;
        }).ConfigureAwait(false);

        return new RegisterContainerInstanceResponse { ContainerInstance = ContainerInstanceView.Full(instance) };
    }

    /// <summary>The instance becomes INACTIVE: still describable, no longer listed or counted, and the cluster can be deleted
    /// once none is left. Deregistering an INACTIVE instance again answers it unchanged.</summary>
    public async ValueTask<DeregisterContainerInstanceResponse> DeregisterContainerInstance(
        RequestContext context, DeregisterContainerInstanceRequest request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        var instance = await Optimistic.RetryAsync(async () =>
        {
            var cluster = await clusters.FindActiveAsync(scope, ClusterResolver.OrDefault(request.Cluster), cancellationToken).ConfigureAwait(false);
            var existing = await instances.FindAsync(scope, cluster.Value.ClusterName!, request.ContainerInstance!, cancellationToken).ConfigureAwait(false)
                ?? throw ContainerInstanceErrors.NotFound();
            if (!InstanceStatus.IsRegistered(existing.Value.Status))
            {
                return existing.Value;
            }

            var deregistered = InstanceStateRules.Deregister(existing.Value, request.Force == true);
            await store.Store.ApplyAsync(
                [instances.Write(scope, deregistered, existing.Version), CountChange(scope, cluster, -1)],
                cancellationToken).ConfigureAwait(false);
            return deregistered;
        }).ConfigureAwait(false);

        return new DeregisterContainerInstanceResponse { ContainerInstance = ContainerInstanceView.Full(instance) };
    }

    /// <summary>Written with the cluster's version read, so a concurrent DeleteCluster (or another registration) makes this
    /// transaction retry on fresh state instead of leaving the count wrong.</summary>
    private PutOp CountChange(ResourceScope scope, Versioned<Cluster> cluster, int delta) => store.Clusters.Put(
        scope.Partition,
        cluster.Value.ClusterName!,
        cluster.Value with { RegisteredContainerInstancesCount = (cluster.Value.RegisteredContainerInstancesCount ?? 0) + delta },
        cluster.Version);
}
