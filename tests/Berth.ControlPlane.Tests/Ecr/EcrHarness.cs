using System.Text;
using Berth.Aws.Auth;
using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Ecr;
using Berth.Aws.Model;
using Berth.ControlPlane.Ecr;
using Berth.ControlPlane.Ecr.Auth;
using Berth.ControlPlane.Ecr.Images;
using Berth.ControlPlane.Ecr.Layers;
using Berth.ControlPlane.Ecr.Lifecycle;
using Berth.ControlPlane.Ecr.Policies;
using Berth.ControlPlane.Ecr.Registry;
using Berth.ControlPlane.Ecr.Repositories;
using Berth.State.Sqlite;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.ControlPlane.Tests.Ecr;

/// <summary>The ECR handlers wired as AddEcr wires them, over a temporary SQLite store and blob directory, with a hand-set clock.</summary>
public sealed class EcrHarness : IAsyncDisposable
{
    public const string Account = "123456789012";
    public const string Region = "us-east-1";
    public const string RegistryHost = "127.0.0.1:9494";

    private readonly string dataDir;

    private EcrHarness(Berth.State.IStore store, string dataDir)
    {
        this.dataDir = dataDir;
        Store = new EcrStore(store);
        var options = new EcrOptions { DataDir = dataDir, RegistryHost = RegistryHost };
        Options = options;
        Blobs = new BlobStore(options.BlobRoot);
        var resolver = new RepositoryResolver(Store);
        Catalog = new ImageCatalog(Store, resolver, Time);
        Uploads = new BlobUploads(Store, Blobs, resolver, Time);
        Repositories = new RepositoryHandlers(Store, resolver, Uploads, options, Time);
        Tags = new RepositoryTagHandlers(resolver);
        Tokens = new RegistryTokens(RegistryTokenKey.LoadOrCreate(dataDir), Time);
        Authorization = new AuthorizationHandlers(Tokens, options);
        Images = new ImageHandlers(Catalog, resolver, Store);
        Layers = new LayerHandlers(Uploads, resolver, Tokens, options);
        Registry = new RegistryEndpoint(new RegistryAuthenticator(Tokens), resolver, Catalog, Uploads, Store, NullLogger<RegistryEndpoint>.Instance);
        Lifecycle = new LifecycleHandlers(resolver, Catalog, Wakeup, Time);
        Enforcer = new LifecycleEnforcer(Store, Catalog, Time);
        Policies = new RepositoryPolicyHandlers(resolver);
        Collector = new BlobCollector(Store, Blobs, Time);
    }

    public static DateTimeOffset Start { get; } = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    public FixedTimeProvider Time { get; } = new(Start);

    public EcrOptions Options { get; }

    public EcrStore Store { get; }

    public BlobStore Blobs { get; }

    public ImageCatalog Catalog { get; }

    public BlobUploads Uploads { get; }

    public RepositoryHandlers Repositories { get; }

    public RepositoryTagHandlers Tags { get; }

    public RegistryTokens Tokens { get; }

    public AuthorizationHandlers Authorization { get; }

    public ImageHandlers Images { get; }

    public LayerHandlers Layers { get; }

    /// <summary>The /v2/ registry over the same store and blobs (see <see cref="RegistryAsync"/>).</summary>
    public RegistryEndpoint Registry { get; }

    public LifecycleWakeup Wakeup { get; } = new();

    public LifecycleHandlers Lifecycle { get; }

    public LifecycleEnforcer Enforcer { get; }

    public RepositoryPolicyHandlers Policies { get; }

    public BlobCollector Collector { get; }

    /// <summary>What serving a file needs from the request's services (a logger factory).</summary>
    private static IServiceProvider RegistryServices { get; } = new ServiceCollection().AddLogging().BuildServiceProvider();

    public string Partition => $"{Account}/{Region}";

    public Berth.Domain.ResourceScope Scope => new(Account, Region);

    public static async Task<EcrHarness> OpenAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "berth-ecr-" + Guid.NewGuid().ToString("N"));
        return new EcrHarness(await SqliteStore.OpenTemporaryAsync(), dir);
    }

    /// <summary>The account's admin key calling <paramref name="operation"/> (the action repository policies are checked for).</summary>
    public RequestContext Caller(string operation = "Test", string principalArn = "arn:aws:iam::123456789012:root") => new()
    {
        Principal = new AuthenticatedPrincipal(new Credential("AKIDTEST", "secret", Account, principalArn), Region, "ecr", Time.GetUtcNow()),
        Operation = new Operation(operation, null, null, [], "POST", "/"),
        RequestId = Guid.NewGuid().ToString(),
    };

    public async Task<Repository> CreateRepositoryAsync(string name, string? mutability = null) =>
        (await Repositories.CreateRepository(Caller(), new CreateRepositoryRequest { RepositoryName = name, ImageTagMutability = mutability }, default)).Repository!;

    /// <summary>Uploads a blob through the layer API and returns its digest.</summary>
    public async Task<string> PushBlobAsync(string repository, byte[] content)
    {
        var upload = await Layers.InitiateLayerUpload(Caller(), new InitiateLayerUploadRequest { RepositoryName = repository }, default);
        await Layers.UploadLayerPart(Caller(), new UploadLayerPartRequest
        {
            RepositoryName = repository, UploadId = upload.UploadId, PartFirstByte = 0, PartLastByte = content.Length - 1, LayerPartBlob = content,
        }, default);
        var digest = Digests.Of(content);
        await Layers.CompleteLayerUpload(Caller(), new CompleteLayerUploadRequest { RepositoryName = repository, UploadId = upload.UploadId, LayerDigests = [digest] }, default);
        return digest;
    }

    /// <summary>A Docker v2 schema 2 manifest over a config and layers of the given digests and sizes.</summary>
    public static string Manifest((string Digest, long Size) config, params (string Digest, long Size)[] layers) =>
        $$"""{"schemaVersion":2,"mediaType":"{{ManifestMediaTypes.DockerManifest}}","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":{{config.Size}},"digest":"{{config.Digest}}"},"layers":[{{string.Join(',', layers.Select(l => $$"""{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":{{l.Size}},"digest":"{{l.Digest}}"}"""))}}]}""";

    /// <summary>Pushes a config and one layer, then a manifest over them with the tag; returns the manifest and its digest.</summary>
    public async Task<(string Manifest, string Digest)> PushImageAsync(string repository, string? tag, string layerText = "layer")
    {
        var configBytes = Encoding.UTF8.GetBytes($$"""{"layer":"{{layerText}}"}""");
        var config = await PushBlobAsync(repository, configBytes);
        var layerBytes = Encoding.UTF8.GetBytes(layerText);
        var layer = await PushBlobAsync(repository, layerBytes);
        var manifest = Manifest((config, configBytes.Length), (layer, layerBytes.Length));
        await Images.PutImage(Caller(), new PutImageRequest { RepositoryName = repository, ImageManifest = manifest, ImageTag = tag }, default);
        return (manifest, Digests.Of(Encoding.UTF8.GetBytes(manifest)));
    }

    /// <summary>One request to the registry, e.g. <c>GET /v2/web/tags/list</c>, with Basic credentials when a password is given;
    /// returns the status and body.</summary>
    public async Task<(int Status, string Body)> RegistryAsync(string method, string pathAndQuery, string? password = null)
    {
        var http = new DefaultHttpContext { RequestServices = RegistryServices };
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        http.Request.Method = method;
        http.Request.Path = query < 0 ? pathAndQuery : pathAndQuery[..query];
        http.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(pathAndQuery[query..]);
        if (password is not null)
        {
            http.Request.Headers.Authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{RegistryTokens.UserName}:{password}"));
        }

        using var body = new MemoryStream();
        http.Response.Body = body;
        await Registry.HandleAsync(http);
        return (http.Response.StatusCode, Encoding.UTF8.GetString(body.ToArray()));
    }

    /// <summary>Where the blob store keeps an upload's bytes.</summary>
    public string UploadFile(Guid id) => Path.Combine(Options.BlobRoot, "uploads", id.ToString("D"));

    /// <summary>Dates every blob file back to <see cref="Start"/> and moves the clock past the garbage collector's grace period.</summary>
    public void AgeBlobsPastGracePeriod()
    {
        foreach (var (digest, _) in Blobs.List().ToList())
        {
            File.SetLastWriteTimeUtc(Blobs.PathOf(digest), Start.UtcDateTime);
        }

        Time.Advance(BlobCollector.GracePeriod + TimeSpan.FromMinutes(1));
    }

    public async ValueTask DisposeAsync()
    {
        await Store.Store.DisposeAsync();
        if (Directory.Exists(dataDir))
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
