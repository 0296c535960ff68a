using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Berth.Aws.Protocol;
using Berth.ControlPlane.Ecr.Auth;
using Berth.ControlPlane.Ecr.Images;
using Berth.ControlPlane.Ecr.Policies;
using Berth.ControlPlane.Ecr.Repositories;
using Berth.Domain;
using Berth.State;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Ecr.Registry;

/// <summary>The OCI distribution API under <c>/v2/</c> on the edge port: pulls, pushes, tag listing and deletes over the same
/// images and blobs the ECR API serves. Every request needs an ECR password (Basic, user AWS), which decides the account and
/// region it sees and the principal repository policies are evaluated for, or (a layer pull) a URL GetDownloadUrlForLayer
/// presigned; errors are the spec's JSON (<c>{"errors":[{"code":...}]}</c>).</summary>
public sealed partial class RegistryEndpoint(
    RegistryAuthenticator authenticator, RepositoryResolver resolver, ImageCatalog images, BlobUploads uploads, EcrStore store,
    ILogger<RegistryEndpoint> logger)
{
    public const string PathPrefix = "/v2";

    private const int MaxTagPage = 1000;

    private const string BlobContentType = "application/octet-stream";

    public async Task HandleAsync(HttpContext http)
    {
        http.Response.Headers["Docker-Distribution-API-Version"] = "registry/2.0";
        try
        {
            var path = (http.Request.Path.Value ?? string.Empty)[PathPrefix.Length..].TrimStart('/');
            var route = RegistryRoute.Parse(path);
            if (LayerUrlSignature.IsPresigned(http.Request.Query))
            {
                await GetBlobAsync(http, authenticator.AuthenticateLayerUrl(route, http.Request.Method, http.Request.Query), route).ConfigureAwait(false);
                return;
            }

            var grant = authenticator.Authenticate(http.Request.Headers.Authorization);
            if (grant is null)
            {
                http.Response.Headers.WWWAuthenticate = $"Basic realm=\"http://{http.Request.Host.Value}/\",service=\"ecr.amazonaws.com\"";
                await WriteErrorAsync(http, "UNAUTHORIZED", StatusCodes.Status401Unauthorized, "Not Authorized").ConfigureAwait(false);
                return;
            }

            var scope = grant.Scope;
            if (route is null)
            {
                await WriteErrorAsync(http, "NAME_INVALID", StatusCodes.Status404NotFound, "The path names no registry resource.").ConfigureAwait(false);
                return;
            }

            if (route.Resource != RegistryResource.Base)
            {
                if (!RepositoryNames.IsValid(route.Name))
                {
                    throw new RegistryException(RegistryError.NameInvalid, $"Invalid repository name '{route.Name}'.");
                }

                var repository = await resolver.RequireAsync(scope, null, route.Name, http.RequestAborted).ConfigureAwait(false);
                RepositoryAccess.Check(scope, repository.Value, grant.PrincipalArn, RegistryActions.Of(route.Resource, http.Request.Method));
            }

            await DispatchAsync(http, scope, route).ConfigureAwait(false);
        }
        catch (RegistryException error)
        {
            await WriteErrorAsync(http, error.Error.OciCode, error.Error.HttpStatus, error.Message).ConfigureAwait(false);
        }
        catch (AwsException error) when (error.Code == "AccessDeniedException")
        {
            await WriteErrorAsync(http, "DENIED", StatusCodes.Status403Forbidden, error.Message).ConfigureAwait(false);
        }
        catch (AwsException error)
        {
            await WriteErrorAsync(http, "DENIED", StatusCodes.Status400BadRequest, error.Message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (BadHttpRequestException)
        {
            // The body was cut short or malformed; whatever was received stays an unfinished upload.
        }
        catch (Exception unexpected)
        {
            LogFailed(logger, http.Request.Method, http.Request.Path.Value ?? string.Empty, unexpected);
            if (!http.Response.HasStarted)
            {
                await WriteErrorAsync(http, "UNKNOWN", StatusCodes.Status500InternalServerError, "An internal error occurred.").ConfigureAwait(false);
            }
        }
    }

    private Task DispatchAsync(HttpContext http, ResourceScope scope, RegistryRoute route) => (route.Resource, http.Request.Method) switch
    {
        (RegistryResource.Base, "GET" or "HEAD") => WriteJsonAsync(http, StatusCodes.Status200OK, "{}"u8.ToArray()),
        (RegistryResource.Manifest, "GET" or "HEAD") => GetManifestAsync(http, scope, route),
        (RegistryResource.Manifest, "PUT") => PutManifestAsync(http, scope, route),
        (RegistryResource.Manifest, "DELETE") => DeleteManifestAsync(http, scope, route),
        (RegistryResource.Blob, "GET" or "HEAD") => GetBlobAsync(http, scope, route),
        (RegistryResource.Blob, "DELETE") => DeleteBlobAsync(http, scope, route),
        (RegistryResource.Upload, "POST") when route.Reference.Length == 0 => StartUploadAsync(http, scope, route),
        (RegistryResource.Upload, "PATCH") => PatchUploadAsync(http, scope, route),
        (RegistryResource.Upload, "PUT") => FinishUploadAsync(http, scope, route),
        (RegistryResource.Upload, "GET") => UploadStatusAsync(http, scope, route),
        (RegistryResource.Upload, "DELETE") => CancelUploadAsync(http, scope, route),
        (RegistryResource.Tags, "GET") => ListTagsAsync(http, scope, route),
        _ => WriteErrorAsync(http, "UNSUPPORTED", StatusCodes.Status405MethodNotAllowed, $"{http.Request.Method} is not supported on this resource."),
    };

    private async Task GetManifestAsync(HttpContext http, ResourceScope scope, RegistryRoute route)
    {
        var image = await images.FindAsync(scope, route.Name, route.Reference, http.RequestAborted).ConfigureAwait(false)
            ?? throw new RegistryException(RegistryError.ManifestUnknown, $"Requested image not found: '{route.Reference}'.");
        var body = System.Text.Encoding.UTF8.GetBytes(image.Value.Manifest);
        http.Response.Headers["Docker-Content-Digest"] = image.Value.Digest;
        http.Response.Headers.ETag = $"\"{image.Value.Digest}\"";
        http.Response.ContentType = image.Value.MediaType;
        http.Response.ContentLength = body.Length;
        if (HttpMethods.IsGet(http.Request.Method))
        {
            await http.Response.Body.WriteAsync(body, http.RequestAborted).ConfigureAwait(false);
        }
    }

    private async Task PutManifestAsync(HttpContext http, ResourceScope scope, RegistryRoute route)
    {
        var body = await ReadManifestAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
        var isDigest = route.Reference.Contains(':', StringComparison.Ordinal);
        if (isDigest && !Digests.IsValid(route.Reference))
        {
            throw new RegistryException(RegistryError.DigestInvalid, $"'{route.Reference}' is not a sha256 digest.");
        }

        var mediaType = MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType) ? contentType.MediaType : null;
        var image = await images.PutAsync(scope, route.Name, body, mediaType, isDigest ? null : route.Reference, isDigest ? route.Reference : null,
            refuseExisting: false, http.RequestAborted).ConfigureAwait(false);
        http.Response.Headers.Location = $"{PathPrefix}/{route.Name}/manifests/{image.Digest}";
        http.Response.Headers["Docker-Content-Digest"] = image.Digest;
        http.Response.StatusCode = StatusCodes.Status201Created;
    }

    private async Task DeleteManifestAsync(HttpContext http, ResourceScope scope, RegistryRoute route)
    {
        var id = Digests.IsValid(route.Reference)
            ? new Aws.Generated.Ecr.ImageIdentifier { ImageDigest = route.Reference }
            : new Aws.Generated.Ecr.ImageIdentifier { ImageTag = route.Reference };
        await images.RemoveAsync(scope, route.Name, id, http.RequestAborted).ConfigureAwait(false);
        http.Response.StatusCode = StatusCodes.Status202Accepted;
    }

    private async Task GetBlobAsync(HttpContext http, ResourceScope scope, RegistryRoute route)
    {
        if (await uploads.FindAsync(scope, route.Name, route.Reference, http.RequestAborted).ConfigureAwait(false) is null)
        {
            throw new RegistryException(RegistryError.BlobUnknown, $"Blob unknown to registry: '{route.Reference}'.");
        }

        http.Response.Headers["Docker-Content-Digest"] = route.Reference;
        http.Response.Headers.ETag = $"\"{route.Reference}\"";
        // A whole-blob GET (every pull) takes the fast path; ranges and HEADs keep the framework's range handling.
        var path = uploads.PathOf(route.Reference);
        await (HttpMethods.IsGet(http.Request.Method) && http.Request.Headers.Range.Count == 0
            ? BlobSender.SendAsync(http, path, BlobContentType)
            : Results.File(path, BlobContentType, enableRangeProcessing: true).ExecuteAsync(http)).ConfigureAwait(false);
    }

    private async Task DeleteBlobAsync(HttpContext http, ResourceScope scope, RegistryRoute route)
    {
        if (!await uploads.UnlinkAsync(scope, route.Name, route.Reference, http.RequestAborted).ConfigureAwait(false))
        {
            throw new RegistryException(RegistryError.BlobUnknown, $"Blob unknown to registry: '{route.Reference}'.");
        }

        http.Response.StatusCode = StatusCodes.Status202Accepted;
    }

    /// <summary>POST: a cross-repository mount (<c>mount</c> and <c>from</c>; falls back to a new upload when the source lacks the
    /// blob), a monolithic upload (<c>digest</c> with the body), or the start of a chunked or streamed upload.</summary>
    private async Task StartUploadAsync(HttpContext http, ResourceScope scope, RegistryRoute route)
    {
        var query = http.Request.Query;
        if (query["mount"].ToString() is { Length: > 0 } mount
            && await uploads.MountAsync(scope, route.Name, query["from"].ToString(), mount, http.RequestAborted).ConfigureAwait(false))
        {
            Created(http, route.Name, mount);
            return;
        }

        var id = await uploads.StartAsync(scope, route.Name, http.RequestAborted).ConfigureAwait(false);
        if (query["digest"].ToString() is { Length: > 0 } digest)
        {
            await CompleteAsync(http, scope, route.Name, id, digest).ConfigureAwait(false);
            return;
        }

        Accepted(http, route.Name, id, 0);
    }

    private async Task PatchUploadAsync(HttpContext http, ResourceScope scope, RegistryRoute route)
    {
        var id = UploadId(route);
        long? start = null;
        if (http.Request.Headers.ContentRange.ToString() is { Length: > 0 } range)
        {
            start = ParseRangeStart(range);
        }

        UnlimitBody(http);
        var length = await uploads.AppendAsync(scope, route.Name, id, http.Request.Body, start, http.RequestAborted).ConfigureAwait(false);
        Accepted(http, route.Name, id, length);
    }

    private async Task FinishUploadAsync(HttpContext http, ResourceScope scope, RegistryRoute route)
    {
        var id = UploadId(route);
        var digest = http.Request.Query["digest"].ToString();
        if (digest.Length == 0)
        {
            throw new RegistryException(RegistryError.DigestInvalid, "Completing an upload needs its digest.");
        }

        await CompleteAsync(http, scope, route.Name, id, digest).ConfigureAwait(false);
    }

    private async Task CompleteAsync(HttpContext http, ResourceScope scope, string name, Guid id, string digest)
    {
        UnlimitBody(http);
        await uploads.AppendAsync(scope, name, id, http.Request.Body, null, http.RequestAborted).ConfigureAwait(false);
        await uploads.CompleteAsync(scope, name, id, digest, http.RequestAborted).ConfigureAwait(false);
        Created(http, name, digest);
    }

    private async Task UploadStatusAsync(HttpContext http, ResourceScope scope, RegistryRoute route)
    {
        var id = UploadId(route);
        var length = await uploads.LengthAsync(scope, route.Name, id, http.RequestAborted).ConfigureAwait(false);
        Accepted(http, route.Name, id, length);
        http.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private async Task CancelUploadAsync(HttpContext http, ResourceScope scope, RegistryRoute route)
    {
        await uploads.CancelAsync(scope, route.Name, UploadId(route), http.RequestAborted).ConfigureAwait(false);
        http.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>Tags in lexical order, <c>n</c> at a time after <c>last</c>, with a Link header to the next page when there is one.</summary>
    private async Task ListTagsAsync(HttpContext http, ResourceScope scope, RegistryRoute route)
    {
        var query = http.Request.Query;
        var limit = MaxTagPage;
        if (query["n"].ToString() is { Length: > 0 } n && (!int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit > MaxTagPage))
        {
            throw new RegistryException(RegistryError.SizeInvalid, $"n must be a number from 0 to {MaxTagPage}.");
        }

        var prefix = EcrStore.TagPrefix(route.Name);
        var last = query["last"].ToString();
        var tags = new List<string>();
        string? nextKey = null;
        if (limit > 0)
        {
            var page = await store.Store.ListAsync(store.Tags.Kind, scope.Partition,
                new ListQuery { KeyPrefix = prefix, StartAfter = last.Length > 0 ? prefix + last : null, Limit = limit }, http.RequestAborted).ConfigureAwait(false);
            tags.AddRange(page.Items.Select(d => d.Key[prefix.Length..]));
            nextKey = page.NextKey;
        }

        if (nextKey is not null)
        {
            http.Response.Headers.Link = $"<{PathPrefix}/{route.Name}/tags/list?n={limit}&last={Uri.EscapeDataString(tags[^1])}>; rel=\"next\"";
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new TagList(route.Name, tags), RegistryJsonContext.Default.TagList);
        await WriteJsonAsync(http, StatusCodes.Status200OK, body).ConfigureAwait(false);
    }

    private static Guid UploadId(RegistryRoute route) => Guid.TryParseExact(route.Reference, "D", out var id)
        ? id
        : throw new RegistryException(RegistryError.UploadUnknown, $"Upload with id '{route.Reference}' is not found.");

    /// <summary>The start of a chunk's <c>Content-Range: start-end</c> (a <c>bytes </c> prefix tolerated).</summary>
    private static long ParseRangeStart(string range)
    {
        var text = range.StartsWith("bytes ", StringComparison.OrdinalIgnoreCase) ? range[6..] : range;
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && long.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            ? start
            : throw new RegistryException(RegistryError.RangeInvalid, $"Invalid Content-Range '{range}'.");
    }

    /// <summary>Blobs are as large as layers get: the edge's body limit (for AWS JSON) does not apply to them.</summary>
    private static void UnlimitBody(HttpContext http)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }
    }

    private static async Task<byte[]> ReadManifestAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > ManifestParser.MaxManifestBytes)
        {
            throw new RegistryException(RegistryError.ManifestTooLarge, $"The manifest is larger than {ManifestParser.MaxManifestBytes} bytes.");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > ManifestParser.MaxManifestBytes)
            {
                throw new RegistryException(RegistryError.ManifestTooLarge, $"The manifest is larger than {ManifestParser.MaxManifestBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static void Created(HttpContext http, string name, string digest)
    {
        http.Response.Headers.Location = $"{PathPrefix}/{name}/blobs/{digest}";
        http.Response.Headers["Docker-Content-Digest"] = digest;
        http.Response.ContentLength = 0;
        http.Response.StatusCode = StatusCodes.Status201Created;
    }

    private static void Accepted(HttpContext http, string name, Guid id, long length)
    {
        http.Response.Headers.Location = $"{PathPrefix}/{name}/blobs/uploads/{id:D}";
        http.Response.Headers["Docker-Upload-UUID"] = id.ToString("D");
        http.Response.Headers.Range = $"0-{Math.Max(0, length - 1).ToString(CultureInfo.InvariantCulture)}";
        http.Response.ContentLength = 0;
        http.Response.StatusCode = StatusCodes.Status202Accepted;
    }

    private static async Task WriteJsonAsync(HttpContext http, int status, byte[] body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(http.Request.Method))
        {
            await http.Response.Body.WriteAsync(body, http.RequestAborted).ConfigureAwait(false);
        }
    }

    private static Task WriteErrorAsync(HttpContext http, string code, int status, string message) =>
        WriteJsonAsync(http, status, JsonSerializer.SerializeToUtf8Bytes(
            new RegistryErrors([new RegistryErrorEntry(code, message)]), RegistryJsonContext.Default.RegistryErrors));

    [LoggerMessage(Level = LogLevel.Error, Message = "Registry request {Method} {Path} failed")]
    private static partial void LogFailed(ILogger logger, string method, string path, Exception exception);
}
