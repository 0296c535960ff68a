using Berth.ControlPlane.Storage;
using Berth.Domain;
using Berth.State;

namespace Berth.ControlPlane.Ecs.Services;

/// <summary>The writes that store a service change, in one place for the API handlers and the scheduler alike.</summary>
public sealed class ServiceWrites(EcsStore store)
{
    /// <param name="before">The service as read (null when creating it).</param>
    public IReadOnlyList<WriteOp> Save(ResourceScope scope, Versioned<StoredService>? before, StoredService after) =>
    [
        store.Services.Put(scope.Partition, EcsStore.ServiceKey(ClusterOf(after), after.Service.ServiceName!), after, before?.Version ?? 0),
    ];

    private static string ClusterOf(StoredService service) =>
        Arn.TryParse(service.Service.ClusterArn, out var arn) ? arn.ResourceId : throw new InvalidDataException("A stored service has no cluster ARN.");
}
