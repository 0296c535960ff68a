using System.Text;
using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Ecr;
using Berth.ControlPlane.Ecr.Repositories;
using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Pagination;
using Berth.ControlPlane.Storage;
using Berth.Domain;
using Berth.State;

namespace Berth.ControlPlane.Ecr.Images;

/// <summary>ListImages, DescribeImages, BatchGetImage, BatchDeleteImage and PutImage over the images the registry stores.</summary>
public sealed class ImageHandlers(ImageCatalog catalog, RepositoryResolver resolver, EcrStore store)
{
    private const int MaxResults = 1000;
    private const int DefaultResults = 100;

    public async ValueTask<ListImagesResponse> ListImages(RequestContext context, ListImagesRequest request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        await resolver.RequireAsync(context, request.RegistryId, request.RepositoryName!, cancellationToken).ConfigureAwait(false);
        var (images, next) = await PageAsync(scope, request.RepositoryName!, request.NextToken, request.MaxResults,
            request.Filter?.TagStatus, request.Filter?.ImageStatus, cancellationToken).ConfigureAwait(false);
        var ids = images.SelectMany(i => i.Tags.Count == 0
            ? [new ImageIdentifier { ImageDigest = i.Digest }]
            : i.Tags.Select(t => new ImageIdentifier { ImageDigest = i.Digest, ImageTag = t })).ToList();
        return new ListImagesResponse { ImageIds = ids, NextToken = next };
    }

    public async ValueTask<DescribeImagesResponse> DescribeImages(RequestContext context, DescribeImagesRequest request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        var name = request.RepositoryName!;
        await resolver.RequireAsync(context, request.RegistryId, name, cancellationToken).ConfigureAwait(false);
        if (request.ImageIds is { Count: > 0 } ids)
        {
            if (request.NextToken is not null || request.MaxResults is not null || request.Filter is not null)
            {
                throw EcrErrors.InvalidParameter("Invalid parameter: imageIds cannot be used with nextToken, maxResults or filter");
            }

            var details = new List<ImageDetail>();
            foreach (var id in ids)
            {
                var image = await catalog.FindAsync(scope, name, id, cancellationToken).ConfigureAwait(false) ?? throw EcrErrors.ImageNotFound(scope, name, id);
                if (!details.Any(d => d.ImageDigest == image.Value.Digest))
                {
                    details.Add(Detail(scope, name, image.Value));
                }
            }

            return new DescribeImagesResponse { ImageDetails = details };
        }

        var (images, next) = await PageAsync(scope, name, request.NextToken, request.MaxResults,
            request.Filter?.TagStatus, request.Filter?.ImageStatus, cancellationToken).ConfigureAwait(false);
        return new DescribeImagesResponse { ImageDetails = images.Select(i => Detail(scope, name, i)).ToList(), NextToken = next };
    }

    public async ValueTask<BatchGetImageResponse> BatchGetImage(RequestContext context, BatchGetImageRequest request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        var name = request.RepositoryName!;
        await resolver.RequireAsync(context, request.RegistryId, name, cancellationToken).ConfigureAwait(false);
        var images = new List<Image>();
        var failures = new List<ImageFailure>();
        foreach (var id in request.ImageIds!)
        {
            if (InvalidId(id) is { } invalid)
            {
                failures.Add(invalid);
                continue;
            }

            var found = await catalog.FindAsync(scope, name, id, cancellationToken).ConfigureAwait(false);
            if (found is null || request.AcceptedMediaTypes is { Count: > 0 } accepted && !accepted.Contains(found.Value.MediaType))
            {
                failures.Add(Failure(id, ImageFailureCode.ImageNotFound, "Requested image not found"));
                continue;
            }

            images.Add(new Image
            {
                RegistryId = scope.AccountId,
                RepositoryName = name,
                ImageId = new ImageIdentifier { ImageDigest = found.Value.Digest, ImageTag = id.ImageTag },
                ImageManifest = found.Value.Manifest,
                ImageManifestMediaType = found.Value.MediaType,
            });
        }

        return new BatchGetImageResponse { Images = images, Failures = failures };
    }

    public async ValueTask<BatchDeleteImageResponse> BatchDeleteImage(RequestContext context, BatchDeleteImageRequest request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        var name = request.RepositoryName!;
        await resolver.RequireAsync(context, request.RegistryId, name, cancellationToken).ConfigureAwait(false);
        var removed = new List<ImageIdentifier>();
        var failures = new List<ImageFailure>();
        foreach (var id in request.ImageIds!)
        {
            if (InvalidId(id) is { } invalid)
            {
                failures.Add(invalid);
                continue;
            }

            try
            {
                removed.AddRange(await catalog.RemoveAsync(scope, name, id, cancellationToken).ConfigureAwait(false));
            }
            catch (RegistryException e) when (e.Error == RegistryError.ManifestUnknown)
            {
                failures.Add(Failure(id, ImageFailureCode.ImageNotFound, "Requested image not found"));
            }
            catch (RegistryException e) when (e.Error == RegistryError.ReferencedByIndex)
            {
                failures.Add(Failure(id, ImageFailureCode.ImageReferencedByManifestList, e.Message));
            }
        }

        return new BatchDeleteImageResponse { ImageIds = removed, Failures = failures };
    }

    public async ValueTask<PutImageResponse> PutImage(RequestContext context, PutImageRequest request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        var name = request.RepositoryName!;
        await resolver.RequireAsync(context, request.RegistryId, name, cancellationToken).ConfigureAwait(false);
        var image = await catalog.PutAsync(scope, name, Encoding.UTF8.GetBytes(request.ImageManifest!), request.ImageManifestMediaType,
            request.ImageTag, request.ImageDigest, refuseExisting: true, cancellationToken).ConfigureAwait(false);
        return new PutImageResponse
        {
            Image = new Image
            {
                RegistryId = scope.AccountId,
                RepositoryName = name,
                ImageId = new ImageIdentifier { ImageDigest = image.Digest, ImageTag = request.ImageTag },
                ImageManifest = image.Manifest,
                ImageManifestMediaType = image.MediaType,
            },
        };
    }

    /// <summary>A page of images in digest order that pass the tag and status filters.</summary>
    private async ValueTask<(List<StoredImage> Images, string? NextToken)> PageAsync(
        ResourceScope scope, string name, string? nextToken, int? maxResults, string? tagStatus, string? imageStatus, CancellationToken cancellationToken)
    {
        var pageSize = NextToken.PageSize(maxResults ?? DefaultResults, MaxResults, max => EcrErrors.InvalidParameter($"maxResults must be between 1 and {max}"));
        var after = NextToken.Decode(nextToken, EcrErrors.InvalidNextToken);
        var (items, nextKey) = await store.Images.PageAsync(scope.Partition,
            new ListQuery { KeyPrefix = EcrStore.DigestPrefix(name), StartAfter = after }, pageSize,
            image => Passes(image, tagStatus, imageStatus), cancellationToken).ConfigureAwait(false);
        return (items.Select(v => v.Value).ToList(), NextToken.Encode(nextKey));
    }

    /// <summary>Every stored image is ACTIVE (Berth does not archive), so an ARCHIVED filter matches none.</summary>
    private static bool Passes(StoredImage image, string? tagStatus, string? imageStatus) =>
        imageStatus is null or ImageStatusFilter.Active or ImageStatusFilter.Any
        && tagStatus switch
        {
            TagStatus.Tagged => image.Tags.Count > 0,
            TagStatus.Untagged => image.Tags.Count == 0,
            _ => true,
        };

    private static ImageDetail Detail(ResourceScope scope, string name, StoredImage image) => new()
    {
        RegistryId = scope.AccountId,
        RepositoryName = name,
        ImageDigest = image.Digest,
        ImageTags = image.Tags.Count > 0 ? image.Tags : null,
        ImageSizeInBytes = image.SizeInBytes,
        ImagePushedAt = image.PushedAt,
        ImageManifestMediaType = image.MediaType,
        ArtifactMediaType = image.ArtifactMediaType,
        ImageStatus = Aws.Generated.Ecr.ImageStatus.Active,
    };

    /// <summary>ECR's per-item checks of an image id, reported as failures rather than refusing the batch.</summary>
    private static ImageFailure? InvalidId(ImageIdentifier id)
    {
        if (id.ImageDigest is null && id.ImageTag is null)
        {
            return Failure(id, ImageFailureCode.MissingDigestAndTag, "Invalid request parameters: both tag and digest cannot be null");
        }

        return id.ImageDigest is not null && !Digests.IsValid(id.ImageDigest)
            ? Failure(id, ImageFailureCode.InvalidImageDigest, "Invalid request parameters: image digest should satisfy the regex 'sha256:[a-f0-9]{64}'")
            : null;
    }

    private static ImageFailure Failure(ImageIdentifier id, string code, string reason) => new() { ImageId = id, FailureCode = code, FailureReason = reason };
}
