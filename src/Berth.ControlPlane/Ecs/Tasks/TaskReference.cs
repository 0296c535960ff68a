using Berth.Domain;

namespace Berth.ControlPlane.Ecs.Tasks;

/// <summary>What a task identifier names: an id, and the cluster when it is a long-format ARN (<c>task/&lt;cluster&gt;/&lt;id&gt;</c>).</summary>
public sealed record TaskReference(string? Cluster, string Id)
{
    public const string ArnResourceType = "task";

    /// <summary>Null when the identifier cannot name a task of this account and region.</summary>
    public static TaskReference? Parse(ResourceScope scope, string identifier)
    {
        if (!Arn.TryParse(identifier, out var arn))
        {
            return IsId(identifier) ? new TaskReference(null, identifier) : null;
        }

        if (arn.Service != EcsArns.Service || arn.Region != scope.Region || arn.Account != scope.AccountId || arn.ResourceType != ArnResourceType)
        {
            return null;
        }

        return arn.ResourceId.Split('/') switch
        {
            [var id] when IsId(id) => new TaskReference(null, id),
            [var cluster, var id] when cluster.Length > 0 && IsId(id) => new TaskReference(cluster, id),
            _ => null,
        };
    }

    /// <summary>Whether this reference can name a task of the given cluster.</summary>
    public bool IsIn(string cluster) => Cluster is null || Cluster == cluster;

    private static bool IsId(string text) => text.Length > 0 && !text.Contains('/', StringComparison.Ordinal) && !text.Contains(':', StringComparison.Ordinal);
}
