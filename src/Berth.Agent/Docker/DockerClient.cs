using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Berth.Agent.Docker.Internal;
using Berth.Agent.Docker.Wire;

namespace Berth.Agent.Docker;

/// <summary>The Docker Engine API over its Unix socket (HTTP/1.1). The first call asks GET /version and every call
/// after it uses min(the engine's API version, <see cref="NewestApiVersion"/>) as its /vX.Y/ prefix; an engine older
/// than <see cref="OldestApiVersion"/> is refused. One instance serves the whole agent: it pools connections, and
/// each stream (events, logs follow, wait) holds one connection while it runs.</summary>
public sealed partial class DockerClient : IDockerClient, IDockerMonitoring, IDisposable
{
    /// <summary>The newest API this client was written against (Debian 12's Docker 20.10 speaks exactly this).</summary>
    public static readonly Version NewestApiVersion = new(1, 41);

    /// <summary>The oldest API whose shapes this client reads correctly.</summary>
    public static readonly Version OldestApiVersion = new(1, 41);

    private const int MaxErrorBodyBytes = 64 * 1024;
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private readonly HttpClient http;
    private readonly DockerClientOptions options;
    private readonly TimeProvider time;
    private Task<NegotiatedVersion>? negotiation;

    /// <summary>A client of the engine at <see cref="DockerClientOptions.SocketPath"/>; nothing is sent until the first call.</summary>
    public DockerClient(DockerClientOptions options, TimeProvider? timeProvider = null)
        : this(options, UnixSocketHandler.Create(Validated(options).SocketPath), timeProvider)
    {
    }

    /// <summary>For tests: any handler (a recorded fake) in place of the socket.</summary>
    internal DockerClient(DockerClientOptions options, HttpMessageHandler handler, TimeProvider? timeProvider)
    {
        this.options = Validated(options);
        time = timeProvider ?? TimeProvider.System;
        http = new HttpClient(handler, disposeHandler: true)
        {
            // The host name is never resolved (the handler connects to the socket); the engine ignores it.
            BaseAddress = new Uri("http://docker/"),
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    public void Dispose() => http.Dispose();

    public async Task<DockerEngineInfo> GetEngineInfoAsync(CancellationToken cancellationToken)
    {
        var version = await NegotiateAsync(cancellationToken).ConfigureAwait(false);
        var info = await RunAsync(DockerOperations.Info, null, options.InfoTimeout, cancellationToken, async call =>
        {
            using var response = await SendAsync(call, HttpMethod.Get, "/info", content: null).ConfigureAwait(false);
            return await ReadJsonAsync(call, response, DockerJsonContext.Default.InfoResponse).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return ResponseMapper.ToEngineInfo(info, version.Response, version.Server, version.Negotiated);
    }

    /// <summary>The negotiated version, asked once and shared. A failed or cancelled attempt is forgotten so that the
    /// next call asks again (the engine may just have been starting). The request runs on its own budget, never on a
    /// caller's token, so one caller's cancellation cannot fail the others waiting for it.</summary>
    private Task<NegotiatedVersion> NegotiateAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref negotiation);
        if (current is null || current.IsFaulted || current.IsCanceled)
        {
            var fresh = AskVersionAsync();
            current = Interlocked.CompareExchange(ref negotiation, fresh, current) == current ? fresh : Volatile.Read(ref negotiation)!;
        }

        return current.WaitAsync(cancellationToken);
    }

    private async Task<NegotiatedVersion> AskVersionAsync()
    {
        var response = await RunAsync(DockerOperations.Version, null, options.InfoTimeout, CancellationToken.None, async call =>
        {
            using var answer = await SendCoreAsync(call, HttpMethod.Get, "/version", content: null, headers: null,
                HttpCompletionOption.ResponseContentRead, acceptNotModified: false).ConfigureAwait(false);
            return await ReadJsonAsync(call, answer, DockerJsonContext.Default.VersionResponse).ConfigureAwait(false);
        }).ConfigureAwait(false);

        if (!Version.TryParse(response.ApiVersion, out var server))
        {
            throw new DockerException(DockerOperations.Version, HttpStatusCode.OK, $"The Docker Engine at {options.Endpoint} reported no readable API version ('{response.ApiVersion}').");
        }

        var negotiated = server < NewestApiVersion ? server : NewestApiVersion;
        if (negotiated < OldestApiVersion)
        {
            throw new DockerException(DockerOperations.Version, HttpStatusCode.OK,
                $"The Docker Engine at {options.Endpoint} speaks API {server}; Berth needs {OldestApiVersion} or newer (Docker 20.10+).");
        }

        return new NegotiatedVersion(response, server, negotiated);
    }

    /// <summary>Runs one call inside its time budget and turns the budget running out into <see cref="DockerTimeoutException"/>.</summary>
    private async Task<T> RunAsync<T>(string operation, string? subject, TimeSpan timeout, CancellationToken cancellationToken, Func<CallScope, Task<T>> body)
    {
        using var call = new CallScope(operation, subject, timeout, time, cancellationToken);
        try
        {
            return await body(call).ConfigureAwait(false);
        }
        catch (Exception e) when (call.TimedOut && e is OperationCanceledException or IOException or HttpRequestException)
        {
            throw call.TimeoutException();
        }
    }

    private Task RunAsync(string operation, string? subject, TimeSpan timeout, CancellationToken cancellationToken, Func<CallScope, Task> body) =>
        RunAsync(operation, subject, timeout, cancellationToken, async call =>
        {
            await body(call).ConfigureAwait(false);
            return true;
        });

    /// <summary>Sends a request under the negotiated /vX.Y prefix; a non-success status becomes a <see cref="DockerException"/>.</summary>
    private async Task<HttpResponseMessage> SendAsync(CallScope call, HttpMethod method, string path, HttpContent? content,
        Action<HttpRequestHeaders>? headers = null, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead,
        bool acceptNotModified = false, Func<HttpStatusCode, string, DockerException>? errorFor = null)
    {
        var version = await NegotiateAsync(call.Token).ConfigureAwait(false);
        return await SendCoreAsync(call, method, version.Prefix + path, content, headers, completion, acceptNotModified, errorFor).ConfigureAwait(false);
    }

    /// <param name="errorFor">Builds the exception for an error status from the daemon's message (default: <see cref="ErrorFor"/>).</param>
    private async Task<HttpResponseMessage> SendCoreAsync(CallScope call, HttpMethod method, string pathAndQuery, HttpContent? content,
        Action<HttpRequestHeaders>? headers, HttpCompletionOption completion, bool acceptNotModified,
        Func<HttpStatusCode, string, DockerException>? errorFor = null)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery) { Content = content };
        headers?.Invoke(request.Headers);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, completion, call.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (!call.Token.IsCancellationRequested)
        {
            throw NotAnswering(call.Operation, e);
        }

        if (response.IsSuccessStatusCode || (acceptNotModified && response.StatusCode == HttpStatusCode.NotModified))
        {
            return response;
        }

        using (response)
        {
            var message = await ReadErrorMessageAsync(response, call.Token).ConfigureAwait(false);
            throw errorFor?.Invoke(response.StatusCode, message) ?? ErrorFor(call.Operation, response.StatusCode, message);
        }
    }

    /// <summary>The daemon's <c>message</c>, or the raw body when it is not Docker's JSON error shape.</summary>
    private static async Task<string> ReadErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var buffer = new byte[MaxErrorBodyBytes];
                var length = 0;
                int read;
                while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    length += read;
                }

                body = Encoding.UTF8.GetString(buffer, 0, length).Trim();
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            body = "";
        }

        try
        {
            if (body.StartsWith('{') && JsonSerializer.Deserialize(body, DockerJsonContext.Default.ErrorResponse)?.Message is { Length: > 0 } message)
            {
                return message;
            }
        }
        catch (JsonException)
        {
            // Not Docker's error shape: report the body as it is.
        }

        return body.Length > 0 ? body : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
    }

    private static DockerException ErrorFor(string operation, HttpStatusCode status, string message)
    {
        var text = "Error response from daemon: " + message;
        return status == HttpStatusCode.NotFound ? new DockerNotFoundException(operation, text) : new DockerException(operation, status, text);
    }

    /// <remarks>A missing socket file surfaces from the socket layer as "Cannot assign requested address"; say what it is.</remarks>
    private DockerException NotAnswering(string operation, Exception cause)
    {
        var reason = File.Exists(options.SocketPath) ? (cause.InnerException ?? cause).Message : "the socket does not exist";
        return new(operation, statusCode: null, $"Cannot connect to the Docker daemon at {options.Endpoint} ({reason}). Is the docker daemon running?", cause);
    }

    private DockerException ConnectionLost(string operation, Exception cause) =>
        new(operation, statusCode: null, $"The connection to the Docker daemon at {options.Endpoint} broke during {operation}: {cause.Message}", cause);

    private async Task<T> ReadJsonAsync<T>(CallScope call, HttpResponseMessage response, JsonTypeInfo<T> type)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(call.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync(stream, type, call.Token).ConfigureAwait(false)
                    ?? throw Unreadable(call.Operation, response.StatusCode, "null", null);
            }
        }
        catch (JsonException e)
        {
            throw Unreadable(call.Operation, response.StatusCode, e.Message, e);
        }
        catch (IOException e) when (!call.Token.IsCancellationRequested)
        {
            throw ConnectionLost(call.Operation, e);
        }
    }

    /// <summary>One JSON line of a streamed answer (pull progress, events); a line that is not JSON fails the operation.</summary>
    private static T? ParseStreamLine<T>(string line, JsonTypeInfo<T> type, string operation, HttpStatusCode status)
    {
        try
        {
            return JsonSerializer.Deserialize(line, type);
        }
        catch (JsonException e)
        {
            throw Unreadable(operation, status, e.Message, e);
        }
    }

    private static DockerException Unreadable(string operation, HttpStatusCode status, string detail, Exception? cause) =>
        new(operation, status, $"The Docker Engine's answer to {operation} could not be read: {detail}", cause);

    private static HttpContent JsonContent<T>(T body, JsonTypeInfo<T> type)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, type));
        content.Headers.ContentType = JsonMediaType;
        return content;
    }

    /// <summary>Ids and names go into paths escaped; image references keep their '/', ':' and '@' (the engine's
    /// router matches the rest of the path as the name).</summary>
    private static string Escape(string container)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(container);
        return Uri.EscapeDataString(container);
    }

    private static string EscapeImage(string image)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        return Uri.EscapeDataString(image).Replace("%2F", "/", StringComparison.Ordinal)
            .Replace("%3A", ":", StringComparison.Ordinal).Replace("%40", "@", StringComparison.Ordinal);
    }

    private static DockerClientOptions Validated(DockerClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }

    /// <summary>The engine's /version answer and the API version this client uses with it.</summary>
    private sealed record NegotiatedVersion(VersionResponse Response, Version Server, Version Negotiated)
    {
        public string Prefix { get; } = $"/v{Negotiated.Major}.{Negotiated.Minor}";
    }
}
