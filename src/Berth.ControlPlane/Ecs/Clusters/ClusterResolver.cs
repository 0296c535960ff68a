using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Storage;
using Berth.Domain;

namespace Berth.ControlPlane.Ecs.Clusters;

/// <summary>Finds the cluster a request names, by name or ARN; every ECS operation that takes a cluster goes through here.</summary>
public sealed class ClusterResolver(EcsStore store)
{
    /// <summary>The cluster ECS operations mean when they are given none.</summary>
    public const string DefaultCluster = "default";

    /// <summary>The identifier a request's optional <c>cluster</c> parameter stands for.</summary>
    public static string OrDefault(string? identifier) => string.IsNullOrEmpty(identifier) ? DefaultCluster : identifier;

    /// <summary>The cluster, ACTIVE or INACTIVE, or null when the identifier names no cluster of this account and region.</summary>
    public async ValueTask<Versioned<Cluster>?> FindAsync(ResourceScope scope, string identifier, CancellationToken cancellationToken)
    {
        var name = NameOf(scope, identifier);
        return name is null ? null : await store.Clusters.GetAsync(scope.Partition, name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The ACTIVE cluster; anything else is <c>ClusterNotFoundException</c>, as ECS answers for deleted clusters.</summary>
    public async ValueTask<Versioned<Cluster>> FindActiveAsync(ResourceScope scope, string identifier, CancellationToken cancellationToken)
    {
        var cluster = await FindAsync(scope, identifier, cancellationToken).ConfigureAwait(false);
        return cluster is { Value.Status: ClusterStatus.Active } ? cluster : throw EcsErrors.ClusterNotFound();
    }

    /// <summary>The name of the ACTIVE cluster a request's optional <c>cluster</c> parameter names (the default cluster when
    /// omitted); anything else is <c>ClusterNotFoundException</c>.</summary>
    public async ValueTask<string> ActiveNameAsync(ResourceScope scope, string? identifier, CancellationToken cancellationToken) =>
        (await FindActiveAsync(scope, OrDefault(identifier), cancellationToken).ConfigureAwait(false)).Value.ClusterName!;

    /// <summary>The ARN a failure entry reports for an identifier, whether or not the cluster exists.</summary>
    public string ArnOf(ResourceScope scope, string identifier) =>
        Arn.TryParse(identifier, out _) ? identifier : EcsArns.Cluster(scope, identifier);

    /// <summary>The cluster name an identifier stands for in this scope; null for an empty name or an ARN of another account, region or service.</summary>
    public static string? NameOf(ResourceScope scope, string identifier)
    {
        var name = !Arn.TryParse(identifier, out var arn)
            ? identifier
            : arn.Service == EcsArns.Service && arn.Region == scope.Region && arn.Account == scope.AccountId && arn.ResourceType == "cluster"
                ? arn.ResourceId
                : null;

        // The model lets "" through, and the store has no empty keys: an empty name names no cluster.
        return string.IsNullOrEmpty(name) ? null : name;
    }
}
