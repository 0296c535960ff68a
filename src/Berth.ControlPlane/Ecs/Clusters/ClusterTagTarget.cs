using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Tagging;
using Berth.ControlPlane.Storage;
using Berth.Domain;

namespace Berth.ControlPlane.Ecs.Clusters;

/// <summary>Tags on clusters.</summary>
public sealed class ClusterTagTarget(EcsStore store, ClusterResolver clusters) : ITagTarget
{
    public string ResourceType => "cluster";

    public async ValueTask<List<Tag>> GetTagsAsync(ResourceScope scope, Arn arn, CancellationToken cancellationToken)
    {
        var cluster = await clusters.FindActiveAsync(scope, arn.ToString(), cancellationToken).ConfigureAwait(false);
        return cluster.Value.Tags ?? [];
    }

    public async ValueTask UpdateTagsAsync(ResourceScope scope, Arn arn, Func<List<Tag>?, List<Tag>> change, CancellationToken cancellationToken) =>
        await Optimistic.RetryAsync(async () =>
        {
            var cluster = await clusters.FindActiveAsync(scope, arn.ToString(), cancellationToken).ConfigureAwait(false);
            var updated = cluster.Value with { Tags = change(cluster.Value.Tags) };
            return await store.Store.ApplyAsync([store.Clusters.Put(scope.Partition, updated.ClusterName!, updated, cluster.Version)], cancellationToken)
                .ConfigureAwait(false);
        }).ConfigureAwait(false);
}
