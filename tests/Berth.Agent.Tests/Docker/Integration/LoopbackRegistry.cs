using System.Collections.Concurrent;
using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Berth.Agent.Tests.Docker.Integration;

/// <summary>A minimal OCI distribution registry on 127.0.0.1 (plain HTTP: the engine treats 127.0.0.0/8 as an
/// insecure registry) serving generated one-layer images, so pulls can be tested with no registry on the network.
/// Repositories: any name ending "-good" serves a valid image; "-broken" serves a layer whose bytes do not match
/// its digest; anything else answers MANIFEST_UNKNOWN. With credentials set, every /v2/ request needs them (Basic).</summary>
internal sealed class LoopbackRegistry : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task serving;
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string MediaType)> blobs = new();
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string Digest)> manifests = new();
    private readonly ConcurrentQueue<string> authorizations = new();
    private readonly string? expectedAuthorization;

    public LoopbackRegistry(string? username = null, string? password = null)
    {
        Port = FreePort();
        if (username is not null)
        {
            expectedAuthorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(username + ":" + password));
        }

        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Host => $"127.0.0.1:{Port}";

    /// <summary>The Authorization headers the engine sent (null entries: none).</summary>
    public IReadOnlyCollection<string> Authorizations => authorizations.ToArray();

    /// <summary>Adds repository <paramref name="name"/> with tag "1"; returns the manifest digest.</summary>
    public string AddImage(string name, bool corruptLayer = false)
    {
        // Unique content per image: the engine caches layers by digest across repositories.
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, "hello.txt")
            {
                DataStream = new MemoryStream(Encoding.UTF8.GetBytes($"hello from {name} {Guid.NewGuid()}\n")),
            };
            writer.WriteEntry(entry);
        }

        var layer = Gzip(tar.ToArray());
        var layerDigest = Digest(layer);
        blobs[layerDigest] = (corruptLayer ? Gzip(Encoding.UTF8.GetBytes("not the layer")) : layer, "application/octet-stream");
        var config = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["architecture"] = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "amd64",
            ["os"] = "linux",
            ["config"] = new JsonObject { ["Cmd"] = new JsonArray("/hello") },
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray(Digest(tar.ToArray())) },
        }.ToJsonString());
        var configDigest = Digest(config);
        blobs[configDigest] = (config, "application/octet-stream");
        var manifest = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = ManifestMediaType,
            ["config"] = new JsonObject { ["mediaType"] = "application/vnd.docker.container.image.v1+json", ["size"] = config.Length, ["digest"] = configDigest },
            ["layers"] = new JsonArray(new JsonObject { ["mediaType"] = "application/vnd.docker.image.rootfs.diff.tar.gzip", ["size"] = layer.Length, ["digest"] = layerDigest }),
        }.ToJsonString());
        var digest = Digest(manifest);
        manifests[name + ":1"] = (manifest, digest);
        manifests[name + ":" + digest] = (manifest, digest);
        return digest;
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        try
        {
            await serving;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
            // Stopped while waiting for a request.
        }
    }

    private const string ManifestMediaType = "application/vnd.docker.distribution.manifest.v2+json";

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => Handle(context));
        }
    }

    private void Handle(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        try
        {
            var authorization = request.Headers["Authorization"];
            authorizations.Enqueue(authorization ?? "");
            if (expectedAuthorization is not null && authorization != expectedAuthorization)
            {
                response.AddHeader("WWW-Authenticate", "Basic realm=\"berth-test\"");
                Answer(response, request, 401, """{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}"""u8.ToArray(), "application/json");
                return;
            }

            var path = request.Url!.AbsolutePath;
            if (path == "/v2/")
            {
                Answer(response, request, 200, "{}"u8.ToArray(), "application/json");
                return;
            }

            var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 4 && parts[2] == "manifests")
            {
                if (manifests.TryGetValue(parts[1] + ":" + parts[3], out var manifest))
                {
                    response.AddHeader("Docker-Content-Digest", manifest.Digest);
                    Answer(response, request, 200, manifest.Bytes, ManifestMediaType);
                }
                else
                {
                    // With a "detail" as distribution's registry sends it: the engine then answers 404 "manifest for
                    // <image> not found: manifest unknown: manifest unknown". Without one it answers 500 "manifest unknown".
                    Answer(response, request, 404, Encoding.UTF8.GetBytes($$$"""{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{"Tag":"{{{parts[3]}}}"}}]}"""), "application/json");
                }

                return;
            }

            if (parts.Length == 4 && parts[2] == "blobs" && blobs.TryGetValue(parts[3], out var blob))
            {
                Answer(response, request, 200, blob.Bytes, blob.MediaType);
                return;
            }

            Answer(response, request, 404, """{"errors":[{"code":"BLOB_UNKNOWN","message":"blob unknown to registry"}]}"""u8.ToArray(), "application/json");
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The engine hung up.
        }
    }

    private static void Answer(HttpListenerResponse response, HttpListenerRequest request, int status, byte[] body, string mediaType)
    {
        response.StatusCode = status;
        response.ContentType = mediaType;
        response.AddHeader("Docker-Distribution-Api-Version", "registry/2.0");
        response.ContentLength64 = body.Length;
        if (request.HttpMethod != "HEAD")
        {
            response.OutputStream.Write(body);
        }

        response.Close();
    }

    private static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static string Digest(byte[] data) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(data));

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
