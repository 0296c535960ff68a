using System.Net;
using System.Text;

namespace Berth.Agent.Tests.Host;

/// <summary>An HTTP handler that records each request and answers from a script, so the ECS API is faked without a server.</summary>
internal sealed class ScriptedHandler(Func<ScriptedHandler.Call, HttpResponseMessage> answer) : HttpMessageHandler
{
    /// <summary>A request as sent: target (null for the credentials endpoint), path, headers and body.</summary>
    public sealed record Call(string? Target, string Path, HttpRequestMessage Request, string Body, string? Authorization);

    public List<Call> Calls { get; } = [];

    public static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.1") };

    public static HttpResponseMessage Error(HttpStatusCode status, string code, string message = "m") =>
        Json(status, $$"""{"__type":"com.amazonaws.ecs#{{code}}","message":"{{message}}"}""");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var call = new Call(
            request.Headers.TryGetValues("X-Amz-Target", out var targets) ? targets.Single() : null,
            request.RequestUri!.AbsolutePath,
            request,
            body,
            request.Headers.TryGetValues("Authorization", out var auth) ? auth.Single() : null);
        lock (Calls)
        {
            Calls.Add(call);
        }

        return answer(call);
    }
}
