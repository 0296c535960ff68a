using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Tagging;
using Berth.ControlPlane.Storage;
using Berth.Domain;

namespace Berth.ControlPlane.Ecs.Services;

/// <summary>Tags on services, by their long-format ARN (which names the cluster), written through <see cref="ServiceWrites"/>.</summary>
public sealed class ServiceTagTarget(EcsStore store, ServiceResolver services, ServiceWrites writes) : ITagTarget
{
    public string ResourceType => ServiceResolver.ArnResourceType;

    public async ValueTask<List<Tag>> GetTagsAsync(ResourceScope scope, Arn arn, CancellationToken cancellationToken) =>
        (await FindAsync(scope, arn, cancellationToken).ConfigureAwait(false)).Value.Service.Tags ?? [];

    public async ValueTask UpdateTagsAsync(ResourceScope scope, Arn arn, Func<List<Tag>?, List<Tag>> change, CancellationToken cancellationToken) =>
        await Optimistic.RetryAsync(async () =>
        {
            var current = await FindAsync(scope, arn, cancellationToken).ConfigureAwait(false);
            var updated = current.Value with { Service = current.Value.Service with { Tags = change(current.Value.Service.Tags) } };
            return await store.Store.ApplyAsync(writes.Save(scope, current, updated), cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);

    private async ValueTask<Versioned<StoredService>> FindAsync(ResourceScope scope, Arn arn, CancellationToken cancellationToken)
    {
        var service = arn.ResourceId.Split('/') is [var cluster, _]
            ? await services.FindAsync(scope, cluster, arn.ToString(), cancellationToken).ConfigureAwait(false)
            : null;
        return service ?? throw EcsErrors.ResourceNotFound("The specified service does not exist.");
    }
}
