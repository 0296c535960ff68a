using Berth.Domain;

namespace Berth.ControlPlane.Ecs.ContainerInstances;

/// <summary>What a container instance identifier names: an id, and the cluster when it is a long-format ARN
/// (<c>container-instance/&lt;cluster&gt;/&lt;id&gt;</c>); the old short ARN and the bare id leave the cluster to the request.</summary>
public sealed record ContainerInstanceReference(string? Cluster, string Id)
{
    public const string ArnResourceType = "container-instance";

    /// <summary>Null when the identifier cannot name a container instance of this account and region.</summary>
    public static ContainerInstanceReference? Parse(ResourceScope scope, string identifier)
    {
        if (!Arn.TryParse(identifier, out var arn))
        {
            return IsId(identifier) ? new ContainerInstanceReference(null, identifier) : null;
        }

        if (arn.Service != EcsArns.Service || arn.Region != scope.Region || arn.Account != scope.AccountId || arn.ResourceType != ArnResourceType)
        {
            return null;
        }

        return arn.ResourceId.Split('/') switch
        {
            [var id] when IsId(id) => new ContainerInstanceReference(null, id),
            [var cluster, var id] when cluster.Length > 0 && IsId(id) => new ContainerInstanceReference(cluster, id),
            _ => null,
        };
    }

    /// <summary>Whether this reference can name an instance of the given cluster.</summary>
    public bool IsIn(string cluster) => Cluster is null || Cluster == cluster;

    private static bool IsId(string text) => text.Length > 0 && !text.Contains('/', StringComparison.Ordinal) && !text.Contains(':', StringComparison.Ordinal);
}
