using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Ecr;
using Berth.ControlPlane.Ecr.Auth;
using Berth.ControlPlane.Ecr.Registry;
using Berth.ControlPlane.Ecr.Repositories;
using Berth.ControlPlane.Ecs;
using Berth.Domain;

namespace Berth.ControlPlane.Ecr.Layers;

/// <summary>The ECR API's layer operations (what clients without the registry protocol push with) over the registry's uploads
/// and blobs: BatchCheckLayerAvailability, InitiateLayerUpload, UploadLayerPart, CompleteLayerUpload, GetDownloadUrlForLayer.</summary>
public sealed class LayerHandlers(BlobUploads uploads, RepositoryResolver resolver, RegistryTokens tokens, EcrOptions options)
{
    /// <summary>What ECR tells clients to send per part (10 MiB).</summary>
    public const long PartSize = 10 * 1024 * 1024;

    /// <summary>ECR reports a layer's media type as the Docker layer type.</summary>
    public const string LayerMediaType = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    public async ValueTask<BatchCheckLayerAvailabilityResponse> BatchCheckLayerAvailability(
        RequestContext context, BatchCheckLayerAvailabilityRequest request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        var name = request.RepositoryName!;
        await resolver.RequireAsync(context, request.RegistryId, name, cancellationToken).ConfigureAwait(false);
        var layers = new List<Layer>();
        var failures = new List<LayerFailure>();
        foreach (var digest in request.LayerDigests!)
        {
            if (!Digests.IsValid(digest))
            {
                failures.Add(new LayerFailure { LayerDigest = digest, FailureCode = LayerFailureCode.InvalidLayerDigest, FailureReason = "Invalid layer digest" });
            }
            else if (await uploads.FindAsync(scope, name, digest, cancellationToken).ConfigureAwait(false) is { } size)
            {
                layers.Add(new Layer { LayerDigest = digest, LayerAvailability = LayerAvailability.Available, LayerSize = size, MediaType = LayerMediaType });
            }
            else
            {
                failures.Add(new LayerFailure { LayerDigest = digest, FailureCode = LayerFailureCode.MissingLayerDigest, FailureReason = "Could not find layer" });
            }
        }

        return new BatchCheckLayerAvailabilityResponse { Layers = layers, Failures = failures };
    }

    public async ValueTask<InitiateLayerUploadResponse> InitiateLayerUpload(
        RequestContext context, InitiateLayerUploadRequest request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        await resolver.RequireAsync(context, request.RegistryId, request.RepositoryName!, cancellationToken).ConfigureAwait(false);
        var id = await uploads.StartAsync(scope, request.RepositoryName!, cancellationToken).ConfigureAwait(false);
        return new InitiateLayerUploadResponse { UploadId = id.ToString("D"), PartSize = PartSize };
    }

    /// <summary>Parts arrive in order: each must start where the upload ends and be as long as its byte range says.</summary>
    public async ValueTask<UploadLayerPartResponse> UploadLayerPart(
        RequestContext context, UploadLayerPartRequest request, CancellationToken cancellationToken)
    {
        var name = request.RepositoryName!;
        var (scope, id, length) = await OpenUploadAsync(context, request.RegistryId, name, request.UploadId!, cancellationToken).ConfigureAwait(false);
        var blob = request.LayerPartBlob!;
        if (request.PartFirstByte != length || request.PartLastByte - request.PartFirstByte + 1 != blob.Length)
        {
            throw EcrErrors.InvalidLayerPart(request.UploadId!, length - 1,
                $"The part's byte range {request.PartFirstByte}-{request.PartLastByte} does not continue the upload at byte {length} with its {blob.Length} bytes.");
        }

        using var part = new MemoryStream(blob, writable: false);
        var received = await uploads.AppendAsync(scope, name, id, part, length, cancellationToken).ConfigureAwait(false);
        return new UploadLayerPartResponse { RegistryId = scope.AccountId, RepositoryName = name, UploadId = request.UploadId, LastByteReceived = received - 1 };
    }

    public async ValueTask<CompleteLayerUploadResponse> CompleteLayerUpload(
        RequestContext context, CompleteLayerUploadRequest request, CancellationToken cancellationToken)
    {
        var name = request.RepositoryName!;
        var (scope, id, length) = await OpenUploadAsync(context, request.RegistryId, name, request.UploadId!, cancellationToken).ConfigureAwait(false);
        if (request.LayerDigests is not [var digest])
        {
            throw EcrErrors.InvalidParameter("Invalid parameter at 'layerDigests' failed to satisfy constraint: 'exactly one layer digest is supported'");
        }

        if (length == 0)
        {
            throw EcrErrors.EmptyUpload(request.UploadId!);
        }

        if (await uploads.FindAsync(scope, name, digest, cancellationToken).ConfigureAwait(false) is not null)
        {
            await uploads.CancelAsync(scope, name, id, cancellationToken).ConfigureAwait(false);
            throw EcrErrors.LayerAlreadyExists(scope, name, digest);
        }

        try
        {
            await uploads.CompleteAsync(scope, name, id, digest, cancellationToken).ConfigureAwait(false);
        }
        catch (RegistryException e) when (e.Error == RegistryError.DigestInvalid)
        {
            throw EcrErrors.InvalidLayer(e.Message);
        }

        return new CompleteLayerUploadResponse { RegistryId = scope.AccountId, RepositoryName = name, UploadId = request.UploadId, LayerDigest = digest };
    }

    /// <summary>The layer's URL on the registry, presigned as ECR's S3 URLs are: a plain GET fetches it, without credentials,
    /// for <see cref="RegistryTokens.LayerUrlLifetime"/>.</summary>
    public async ValueTask<GetDownloadUrlForLayerResponse> GetDownloadUrlForLayer(
        RequestContext context, GetDownloadUrlForLayerRequest request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        var name = request.RepositoryName!;
        await resolver.RequireAsync(context, request.RegistryId, name, cancellationToken).ConfigureAwait(false);
        var digest = request.LayerDigest!;
        if (await uploads.FindAsync(scope, name, digest, cancellationToken).ConfigureAwait(false) is null)
        {
            throw EcrErrors.LayersNotFound(scope, name, digest);
        }

        var signature = tokens.PresignLayer(scope, name, digest).ToQuery();
        return new GetDownloadUrlForLayerResponse
        {
            DownloadUrl = $"http://{options.RegistryHost}{RegistryEndpoint.PathPrefix}/{name}/blobs/{digest}?{signature}", LayerDigest = digest,
        };
    }

    /// <summary>The caller's scope, and the id and received length of an upload of the named repository (UploadNotFoundException
    /// for an id that is not one).</summary>
    private async ValueTask<(ResourceScope Scope, Guid Id, long Length)> OpenUploadAsync(
        RequestContext context, string? registryId, string name, string uploadId, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        await resolver.RequireAsync(context, registryId, name, cancellationToken).ConfigureAwait(false);
        if (!Guid.TryParseExact(uploadId, "D", out var id))
        {
            throw EcrErrors.UploadNotFound(scope, name, uploadId);
        }

        try
        {
            return (scope, id, await uploads.LengthAsync(scope, name, id, cancellationToken).ConfigureAwait(false));
        }
        catch (RegistryException e) when (e.Error == RegistryError.UploadUnknown)
        {
            throw EcrErrors.UploadNotFound(scope, name, uploadId);
        }
    }
}
