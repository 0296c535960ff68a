using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Storage;
using Berth.Domain;
using Berth.State;

namespace Berth.ControlPlane.Ecs.ContainerInstances;

/// <summary>Finds the container instance a request names (by id or ARN) within the request's cluster.</summary>
public sealed class ContainerInstanceResolver(EcsStore store)
{
    /// <summary>The instance, whatever its status, or null when the identifier names none in this cluster (an ARN of another
    /// cluster names none).</summary>
    public async ValueTask<Versioned<ContainerInstance>?> FindAsync(ResourceScope scope, string cluster, string identifier, CancellationToken cancellationToken)
    {
        var reference = ContainerInstanceReference.Parse(scope, identifier);
        return reference is null ? null : await FindAsync(scope, cluster, reference, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<Versioned<ContainerInstance>?> FindAsync(
        ResourceScope scope, string cluster, ContainerInstanceReference reference, CancellationToken cancellationToken) =>
        reference.IsIn(cluster)
            ? await store.ContainerInstances.GetAsync(scope.Partition, EcsStore.ContainerInstanceKey(cluster, reference.Id), cancellationToken)
                .ConfigureAwait(false)
            : null;

    /// <summary>The write that stores an instance; <paramref name="expectedVersion"/> is the version read (0 to create), so a
    /// concurrent change makes the transaction fail and the caller retry on fresh state.</summary>
    public PutOp Write(ResourceScope scope, ContainerInstance instance, long expectedVersion) =>
        store.ContainerInstances.Put(scope.Partition, KeyOf(instance), instance, expectedVersion);

    /// <summary>The store key of a stored instance, taken from its ARN (Berth always issues the long format, with the cluster).</summary>
    public static string KeyOf(ContainerInstance instance)
    {
        var (_, cluster, id) = EcsArns.ParseLong(instance.ContainerInstanceArn);
        return EcsStore.ContainerInstanceKey(cluster, id);
    }

    /// <summary>The ARN a failure entry reports for an identifier, whether or not the instance exists.</summary>
    public static string ArnOf(ResourceScope scope, string cluster, string identifier) =>
        Arn.TryParse(identifier, out _) ? identifier : EcsArns.ContainerInstance(scope, cluster, identifier);
}
