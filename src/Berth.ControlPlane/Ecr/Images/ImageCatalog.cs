using System.Text;
using Berth.Aws.Generated.Ecr;
using Berth.ControlPlane.Ecr.Repositories;
using Berth.ControlPlane.Storage;
using Berth.Domain;
using Berth.State;

namespace Berth.ControlPlane.Ecr.Images;

/// <summary>The images of repositories, as both the registry and the ECR API see them: pushing a manifest (its blobs and
/// child manifests must be in the repository first; an IMMUTABLE repository refuses to move a tag), finding one by tag or
/// digest, and untagging or deleting. An image, its tag index and the image a tag moves away from change in one transaction.</summary>
public sealed class ImageCatalog(EcrStore store, RepositoryResolver resolver, TimeProvider time)
{
    /// <summary>Stores a manifest under its digest, and the tag if one is given.</summary>
    /// <param name="expectedDigest">The digest the client named (registry PUT by digest, PutImage's imageDigest): must match.</param>
    /// <param name="refuseExisting">PutImage's rule: pushing an image that is already there under the same tag (or untagged) is ImageAlreadyExistsException.</param>
    public async ValueTask<StoredImage> PutAsync(
        ResourceScope scope, string repositoryName, byte[] manifest, string? mediaType, string? tag, string? expectedDigest, bool refuseExisting,
        CancellationToken cancellationToken)
    {
        await resolver.RequireAsync(scope, null, repositoryName, cancellationToken).ConfigureAwait(false);
        var parsed = ManifestParser.Parse(manifest, mediaType);
        if (expectedDigest is not null && expectedDigest != parsed.Digest)
        {
            throw new RegistryException(RegistryError.ManifestDigestMismatch,
                $"Provided digest '{expectedDigest}' does not match the digest of the image manifest '{parsed.Digest}'.");
        }

        if (tag is not null && !ImageTags.IsValid(tag))
        {
            throw new RegistryException(RegistryError.TagInvalid, $"Invalid parameter at 'imageTag' failed to satisfy constraint: 'Invalid tag {tag}'");
        }

        await CheckReferencesAsync(scope, repositoryName, parsed, cancellationToken).ConfigureAwait(false);
        var text = Encoding.UTF8.GetString(manifest);
        return await Optimistic.RetryAsync(async () =>
        {
            var repository = await resolver.RequireAsync(scope, null, repositoryName, cancellationToken).ConfigureAwait(false);
            var existing = await store.Images.GetAsync(scope.Partition, EcrStore.DigestKey(repositoryName, parsed.Digest), cancellationToken).ConfigureAwait(false);
            if (refuseExisting && existing is not null && (tag is null || existing.Value.Tags.Contains(tag)))
            {
                throw EcrErrors.ImageAlreadyExists(scope, repositoryName, parsed.Digest, tag);
            }

            var image = existing?.Value ?? new StoredImage
            {
                Digest = parsed.Digest,
                Manifest = text,
                MediaType = parsed.MediaType,
                ArtifactMediaType = parsed.ArtifactMediaType,
                SizeInBytes = parsed.LayersSize,
                PushedAt = time.GetUtcNow(),
                Children = parsed.Children.ToList(),
            };
            var ops = new List<WriteOp>();
            if (tag is not null && !image.Tags.Contains(tag))
            {
                var previous = await TagTargetAsync(scope, repositoryName, tag, cancellationToken).ConfigureAwait(false);
                if (previous is not null)
                {
                    if (repository.Value.Repository.ImageTagMutability == Aws.Generated.Ecr.ImageTagMutability.Immutable)
                    {
                        throw new RegistryException(RegistryError.TagImmutable,
                            $"The image tag '{tag}' already exists in the '{repositoryName}' repository and cannot be overwritten because the repository is immutable.");
                    }

                    var moved = previous.Value with { Tags = previous.Value.Tags.Where(t => t != tag).ToList() };
                    ops.Add(store.Images.Put(scope.Partition, EcrStore.DigestKey(repositoryName, moved.Digest), moved, previous.Version));
                }

                image = image with { Tags = [.. image.Tags, tag] };
                ops.Add(store.Tags.Put(scope.Partition, EcrStore.TagKey(repositoryName, tag), new StoredTag(parsed.Digest), expectedVersion: null));
            }

            ops.Add(store.Images.Put(scope.Partition, EcrStore.DigestKey(repositoryName, parsed.Digest), image, existing?.Version ?? 0));
            await store.Store.ApplyAsync(ops, cancellationToken).ConfigureAwait(false);
            return image;
        }).ConfigureAwait(false);
    }

    /// <summary>The image a reference (a digest, or else a tag) names, or null.</summary>
    public async ValueTask<Versioned<StoredImage>?> FindAsync(ResourceScope scope, string repositoryName, string reference, CancellationToken cancellationToken) =>
        Digests.IsValid(reference)
            ? await store.Images.GetAsync(scope.Partition, EcrStore.DigestKey(repositoryName, reference), cancellationToken).ConfigureAwait(false)
            : await TagTargetAsync(scope, repositoryName, reference, cancellationToken).ConfigureAwait(false);

    /// <summary>The image an ECR image id names: by digest (and then the tag, if given, must point at it) or by tag.</summary>
    public async ValueTask<Versioned<StoredImage>?> FindAsync(ResourceScope scope, string repositoryName, ImageIdentifier id, CancellationToken cancellationToken)
    {
        if (id.ImageDigest is null)
        {
            return id.ImageTag is null ? null : await TagTargetAsync(scope, repositoryName, id.ImageTag, cancellationToken).ConfigureAwait(false);
        }

        var image = Digests.IsValid(id.ImageDigest) ? await FindAsync(scope, repositoryName, id.ImageDigest, cancellationToken).ConfigureAwait(false) : null;
        return image is not null && (id.ImageTag is null || image.Value.Tags.Contains(id.ImageTag)) ? image : null;
    }

    /// <summary>Removes a tag (and the image with it when that was its last tag, as ECR does), or, by digest, the image and all its
    /// tags. Returns the ids removed; ManifestUnknown when nothing matches, ReferencedByIndex when an index still lists the image.</summary>
    public async ValueTask<List<ImageIdentifier>> RemoveAsync(ResourceScope scope, string repositoryName, ImageIdentifier id, CancellationToken cancellationToken) =>
        await Optimistic.RetryAsync(async () =>
        {
            var image = await FindAsync(scope, repositoryName, id, cancellationToken).ConfigureAwait(false)
                ?? throw new RegistryException(RegistryError.ManifestUnknown, "Requested image not found");
            var imageKey = EcrStore.DigestKey(repositoryName, image.Value.Digest);
            var ops = new List<WriteOp>();
            List<ImageIdentifier> removed;
            if (id.ImageDigest is null && image.Value.Tags.Count > 1)
            {
                removed = [new ImageIdentifier { ImageDigest = image.Value.Digest, ImageTag = id.ImageTag }];
                ops.Add(store.Tags.Delete(scope.Partition, EcrStore.TagKey(repositoryName, id.ImageTag!), expectedVersion: null));
                ops.Add(store.Images.Put(scope.Partition, imageKey, image.Value with { Tags = image.Value.Tags.Where(t => t != id.ImageTag).ToList() }, image.Version));
            }
            else
            {
                await CheckUnreferencedAsync(scope, repositoryName, image.Value.Digest, cancellationToken).ConfigureAwait(false);
                removed = image.Value.Tags.Count == 0
                    ? [new ImageIdentifier { ImageDigest = image.Value.Digest }]
                    : image.Value.Tags.Select(t => new ImageIdentifier { ImageDigest = image.Value.Digest, ImageTag = t }).ToList();
                ops.AddRange(image.Value.Tags.Select(t => store.Tags.Delete(scope.Partition, EcrStore.TagKey(repositoryName, t), expectedVersion: null)));
                ops.Add(store.Images.Delete(scope.Partition, imageKey, image.Version));
            }

            await store.Store.ApplyAsync(ops, cancellationToken).ConfigureAwait(false);
            return removed;
        }).ConfigureAwait(false);

    /// <summary>Every image of a repository, in digest order.</summary>
    public IAsyncEnumerable<Versioned<StoredImage>> AllAsync(ResourceScope scope, string repositoryName, CancellationToken cancellationToken) =>
        store.Images.ScanAsync(scope.Partition, EcrStore.DigestPrefix(repositoryName), cancellationToken);

    private async ValueTask<Versioned<StoredImage>?> TagTargetAsync(ResourceScope scope, string repositoryName, string tag, CancellationToken cancellationToken)
    {
        var pointer = await store.Tags.GetAsync(scope.Partition, EcrStore.TagKey(repositoryName, tag), cancellationToken).ConfigureAwait(false);
        return pointer is null
            ? null
            : await store.Images.GetAsync(scope.Partition, EcrStore.DigestKey(repositoryName, pointer.Value.Digest), cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask CheckReferencesAsync(ResourceScope scope, string repositoryName, ParsedManifest parsed, CancellationToken cancellationToken)
    {
        foreach (var blob in parsed.Blobs)
        {
            if (await store.Layers.GetAsync(scope.Partition, EcrStore.DigestKey(repositoryName, blob), cancellationToken).ConfigureAwait(false) is null)
            {
                throw new RegistryException(RegistryError.ManifestBlobUnknown,
                    $"The layer with digest '{blob}' does not exist in the repository with name '{repositoryName}' in registry with id '{scope.AccountId}'");
            }
        }

        foreach (var child in parsed.Children)
        {
            if (await store.Images.GetAsync(scope.Partition, EcrStore.DigestKey(repositoryName, child), cancellationToken).ConfigureAwait(false) is null)
            {
                throw new RegistryException(RegistryError.ReferencedManifestUnknown,
                    $"The manifest with digest '{child}' that the index references does not exist in the repository with name '{repositoryName}'");
            }
        }
    }

    private async ValueTask CheckUnreferencedAsync(ResourceScope scope, string repositoryName, string digest, CancellationToken cancellationToken)
    {
        await foreach (var other in AllAsync(scope, repositoryName, cancellationToken).ConfigureAwait(false))
        {
            if (other.Value.Children.Contains(digest))
            {
                throw new RegistryException(RegistryError.ReferencedByIndex,
                    $"The image with digest '{digest}' is referenced by the manifest list '{other.Value.Digest}' and cannot be deleted");
            }
        }
    }
}
