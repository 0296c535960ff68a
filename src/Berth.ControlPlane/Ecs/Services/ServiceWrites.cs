using Berth.ControlPlane.Storage;
using Berth.Domain;
using Berth.State;

namespace Berth.ControlPlane.Ecs.Services;

/// <summary>The writes that store a service change, in one place for the API handlers and the scheduler alike: the service
/// at the version read, and the service deployment and revision documents of each deployment whose derived state changed
/// (<see cref="ServiceDeploymentRecords"/>), so they commit in the same transaction and never disagree with the service.</summary>
public sealed class ServiceWrites(EcsStore store)
{
    /// <param name="before">The service as read (null when creating it).</param>
    public IReadOnlyList<WriteOp> Save(ResourceScope scope, Versioned<StoredService>? before, StoredService after)
    {
        var (cluster, name) = KeyOf(after);
        var ops = new List<WriteOp> { store.Services.Put(scope.Partition, EcsStore.ServiceKey(cluster, name), after, before?.Version ?? 0) };
        var earlier = (before?.Value.Service.Deployments ?? []).ToDictionary(d => d.Id!, StringComparer.Ordinal);
        foreach (var deployment in after.Service.Deployments ?? [])
        {
            var key = EcsStore.ServiceDeploymentKey(cluster, name, ServiceDeploymentRecords.IdOf(deployment.Id!));

            // These documents follow the service document, whose expected version above orders every writer of the service,
            // so they are written without versions of their own.
            var record = store.ServiceDeployments.Put(scope.Partition, key, ServiceDeploymentRecords.Deployment(scope, after, deployment), null);
            if (!earlier.TryGetValue(deployment.Id!, out var known))
            {
                ops.Add(store.ServiceRevisions.Put(scope.Partition, key, ServiceDeploymentRecords.Revision(scope, after, deployment), null));
                ops.Add(record);
            }
            else if (record.Body != store.ServiceDeployments.Put(scope.Partition, key, ServiceDeploymentRecords.Deployment(scope, before!.Value, known), null).Body)
            {
                ops.Add(record);
            }
        }

        return ops;
    }

    /// <summary>The cluster and name a stored service is keyed by.</summary>
    public static (string Cluster, string Name) KeyOf(StoredService service) =>
        Arn.TryParse(service.Service.ClusterArn, out var arn)
            ? (arn.ResourceId, service.Service.ServiceName!)
            : throw new InvalidDataException("A stored service has no cluster ARN.");
}
