using Berth.ControlPlane.Storage;
using Berth.Domain;

namespace Berth.ControlPlane.Ecs.Services;

/// <summary>Finds the service a request names (by name or ARN) within the request's cluster.</summary>
public sealed class ServiceResolver(EcsStore store)
{
    public const string ArnResourceType = "service";

    /// <summary>The service in any status, or null when the identifier names none in this cluster (an ARN of another
    /// cluster, account or region names none).</summary>
    public async ValueTask<Versioned<StoredService>?> FindAsync(ResourceScope scope, string cluster, string identifier, CancellationToken cancellationToken)
    {
        var name = NameOf(scope, cluster, identifier);
        return name is null ? null : await store.Services.GetAsync(scope.Partition, EcsStore.ServiceKey(cluster, name), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The ACTIVE service; a missing one is ServiceNotFoundException, a DRAINING or INACTIVE one ServiceNotActiveException.</summary>
    public async ValueTask<Versioned<StoredService>> FindActiveAsync(ResourceScope scope, string cluster, string identifier, CancellationToken cancellationToken)
    {
        var service = await FindAsync(scope, cluster, identifier, cancellationToken).ConfigureAwait(false) ?? throw ServiceErrors.NotFound();
        return service.Value.Service.Status == ServiceStatus.Active ? service : throw ServiceErrors.NotActive();
    }

    /// <summary>The ARN a failure entry reports for an identifier, whether or not the service exists.</summary>
    public static string ArnOf(ResourceScope scope, string cluster, string identifier) =>
        Arn.TryParse(identifier, out _) ? identifier : EcsArns.EcsService(scope, cluster, identifier);

    /// <summary>The service name an identifier stands for in the cluster: a name, a long ARN (<c>service/cluster/name</c>) of
    /// that cluster, or a short ARN (<c>service/name</c>); null for anything else.</summary>
    public static string? NameOf(ResourceScope scope, string cluster, string identifier)
    {
        if (!Arn.TryParse(identifier, out var arn))
        {
            return IsName(identifier) ? identifier : null;
        }

        if (arn.Service != EcsArns.Service || arn.Region != scope.Region || arn.Account != scope.AccountId || arn.ResourceType != ArnResourceType)
        {
            return null;
        }

        return arn.ResourceId.Split('/') switch
        {
            [var name] when IsName(name) => name,
            [var owner, var name] when owner == cluster && IsName(name) => name,
            _ => null,
        };
    }

    private static bool IsName(string text) => text.Length > 0 && !text.Contains('/', StringComparison.Ordinal) && !text.Contains(':', StringComparison.Ordinal);
}
