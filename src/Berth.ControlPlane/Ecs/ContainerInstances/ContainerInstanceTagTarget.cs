using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Tagging;
using Berth.ControlPlane.Storage;
using Berth.Domain;

namespace Berth.ControlPlane.Ecs.ContainerInstances;

/// <summary>Tags on registered container instances, by their long-format ARN (which names the cluster); a tag change is a
/// change of the instance and counts in its version.</summary>
public sealed class ContainerInstanceTagTarget(EcsStore store, ContainerInstanceResolver instances) : ITagTarget
{
    public string ResourceType => ContainerInstanceReference.ArnResourceType;

    public async ValueTask<List<Tag>> GetTagsAsync(ResourceScope scope, Arn arn, CancellationToken cancellationToken) =>
        (await FindAsync(scope, arn, cancellationToken).ConfigureAwait(false)).Value.Tags ?? [];

    public async ValueTask UpdateTagsAsync(ResourceScope scope, Arn arn, Func<List<Tag>?, List<Tag>> change, CancellationToken cancellationToken) =>
        await Optimistic.RetryAsync(async () =>
        {
            var current = await FindAsync(scope, arn, cancellationToken).ConfigureAwait(false);
            var updated = InstanceVersion.Bump(current.Value with { Tags = change(current.Value.Tags) });
            return await store.Store.ApplyAsync([instances.Write(scope, updated, current.Version)], cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);

    private async ValueTask<Versioned<ContainerInstance>> FindAsync(ResourceScope scope, Arn arn, CancellationToken cancellationToken)
    {
        var reference = ContainerInstanceReference.Parse(scope, arn.ToString());
        var instance = reference?.Cluster is { } cluster
            ? await instances.FindAsync(scope, cluster, reference, cancellationToken).ConfigureAwait(false)
            : null;
        return instance is { } found && InstanceStatus.IsRegistered(found.Value.Status) ? found : throw ContainerInstanceErrors.TagTargetNotFound();
    }
}
