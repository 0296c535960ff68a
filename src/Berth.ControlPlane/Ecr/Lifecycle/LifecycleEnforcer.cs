using Berth.Aws.Generated.Ecr;
using Berth.ControlPlane.Ecr.Images;
using Berth.ControlPlane.Storage;
using Berth.Domain;

namespace Berth.ControlPlane.Ecr.Lifecycle;

/// <summary>One lifecycle pass: in every account and region, each repository with a lifecycle policy has the images the policy
/// expires now deleted as BatchDeleteImage deletes them, and its lastEvaluatedAt set.</summary>
public sealed class LifecycleEnforcer(EcrStore store, ImageCatalog catalog, TimeProvider time)
{
    /// <returns>How many images were expired.</returns>
    public async ValueTask<int> EnforceAsync(CancellationToken cancellationToken)
    {
        var expired = 0;
        foreach (var partition in await store.Store.ListPartitionsAsync(store.Repositories.Kind, cancellationToken).ConfigureAwait(false))
        {
            var scope = ResourceScope.OfPartition(partition);
            await foreach (var repository in store.Repositories.ScanAsync(partition, null, cancellationToken).ConfigureAwait(false))
            {
                if (repository.Value.LifecyclePolicy is { } text)
                {
                    expired += await EnforceAsync(scope, repository.Value.Repository.RepositoryName!, text, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return expired;
    }

    private async ValueTask<int> EnforceAsync(ResourceScope scope, string name, string policyText, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var images = new List<StoredImage>();
        await foreach (var image in catalog.AllAsync(scope, name, cancellationToken).ConfigureAwait(false))
        {
            images.Add(image.Value);
        }

        var expired = 0;
        // Indexes first: an image an index lists cannot be deleted before the index.
        foreach (var expiry in LifecycleEvaluator.Evaluate(images, LifecyclePolicyParser.Parse(policyText), now).OrderByDescending(e => e.Image.Children.Count > 0))
        {
            try
            {
                await catalog.RemoveAsync(scope, name, new ImageIdentifier { ImageDigest = expiry.Image.Digest }, cancellationToken).ConfigureAwait(false);
                expired++;
            }
            catch (RegistryException e) when (e.Error == RegistryError.ManifestUnknown || e.Error == RegistryError.ReferencedByIndex)
            {
                // Deleted meanwhile, or still listed by an index the policy keeps: nothing to expire.
            }
        }

        await MarkEvaluatedAsync(scope, name, policyText, now, cancellationToken).ConfigureAwait(false);
        return expired;
    }

    /// <summary>Sets lastEvaluatedAt unless the repository or its policy changed meanwhile (the new policy's pass will set it).</summary>
    private async ValueTask MarkEvaluatedAsync(ResourceScope scope, string name, string policyText, DateTimeOffset at, CancellationToken cancellationToken) =>
        await Optimistic.RetryAsync(async () =>
        {
            var current = await store.Repositories.GetAsync(scope.Partition, name, cancellationToken).ConfigureAwait(false);
            if (current?.Value.LifecyclePolicy == policyText)
            {
                await store.Store.ApplyAsync([store.Repositories.Put(scope.Partition, name, current.Value with { LifecycleEvaluatedAt = at }, current.Version)],
                    cancellationToken).ConfigureAwait(false);
            }

            return true;
        }).ConfigureAwait(false);
}
