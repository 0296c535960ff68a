using System.Net;
using System.Text;

namespace Berth.Agent.Tests.Docker.Fakes;

/// <summary>A Docker Engine made of recorded answers: each route (method + path without query) answers with a
/// recorded body; every request is kept for assertions. GET /version answers from the recording by default.</summary>
internal sealed class RecordedDockerHandler : HttpMessageHandler
{
    private readonly Lock gate = new();
    private readonly List<RecordedRequest> requests = [];
    private readonly Dictionary<(string Method, string Path), Func<CancellationToken, Task<HttpResponseMessage>>> routes = [];

    public RecordedDockerHandler()
    {
        On(HttpMethod.Get, "/version", Recordings.Text("version.json"));
    }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return requests.ToList();
            }
        }
    }

    /// <summary>Requests other than the version negotiation.</summary>
    public IReadOnlyList<RecordedRequest> ApiRequests => Requests.Where(r => r.Path != "/version").ToList();

    public RecordedDockerHandler On(HttpMethod method, string path, string body, HttpStatusCode status = HttpStatusCode.OK, string contentType = "application/json") =>
        On(method, path, _ => Task.FromResult(Respond(status, new ByteArrayContent(Encoding.UTF8.GetBytes(body)), contentType)));

    public RecordedDockerHandler On(HttpMethod method, string path, byte[] body, HttpStatusCode status = HttpStatusCode.OK, string? contentType = null) =>
        On(method, path, _ => Task.FromResult(Respond(status, new ByteArrayContent(body), contentType)));

    /// <summary>An empty answer (204 No Content, 304 Not Modified).</summary>
    public RecordedDockerHandler On(HttpMethod method, string path, HttpStatusCode status) =>
        On(method, path, _ => Task.FromResult(new HttpResponseMessage(status) { Content = new ByteArrayContent([]) }));

    public RecordedDockerHandler On(HttpMethod method, string path, Func<CancellationToken, Task<HttpResponseMessage>> respond)
    {
        lock (gate)
        {
            routes[(method.Method, path)] = respond;
        }

        return this;
    }

    /// <summary>The engine never answers (until the request is cancelled).</summary>
    public RecordedDockerHandler Hang(HttpMethod method, string path) =>
        On(method, path, async ct =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });

    public static HttpResponseMessage Respond(HttpStatusCode status, HttpContent content, string? contentType)
    {
        if (contentType is not null)
        {
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        return new HttpResponseMessage(status) { Content = content, Version = HttpVersion.Version11 };
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.Method.Method,
            request.RequestUri!.AbsolutePath,
            request.RequestUri.Query,
            request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase),
            request.Content?.Headers.ContentType?.ToString(),
            body,
            request.Version);
        Func<CancellationToken, Task<HttpResponseMessage>>? respond;
        lock (gate)
        {
            requests.Add(recorded);
            routes.TryGetValue((request.Method.Method, recorded.Path), out respond);
        }

        return respond is null
            ? Respond(HttpStatusCode.NotFound, new StringContent($$"""{"message":"page not found: {{recorded.Path}}"}"""), "application/json")
            : await respond(cancellationToken);
    }
}
