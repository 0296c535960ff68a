using System.Net.Http.Headers;
using System.Text;
using Berth.Aws.Auth;
using Berth.Aws.Dispatch;
using Berth.Aws.Edge;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Berth.Aws.Tests.Edge;

/// <summary>An <see cref="AwsEdge"/> served by a real Kestrel on a free loopback port, configured as the control plane
/// configures it, and a client that signs requests the way SDKs do.</summary>
internal sealed class EdgeServer : IAsyncDisposable
{
    public const string Region = "us-east-1";

    public static readonly Credential Alice =
        new("AKIDALICE00000000000", "alice/secret/key/0000000000000000000000", "123456789012", "arn:aws:iam::123456789012:user/alice");

    /// <summary>The server's clock and every request's signing time.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private readonly WebApplication app;

    private EdgeServer(WebApplication app, Uri address, RecordingLogger<AwsEdge> logger)
    {
        this.app = app;
        Address = address;
        Logger = logger;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public RecordingLogger<AwsEdge> Logger { get; }

    public static Task<EdgeServer> StartAsync(params AwsService[] services) => StartAsync([], services);

    public static async Task<EdgeServer> StartAsync(IOperationPolicy[] policies, params AwsService[] services)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "berth-edge-tests", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");

        // As ControlPlaneHost: Kestrel lets one byte more than the edge's limit through, so the edge answers the 413 itself.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = AwsEdge.MaxBodyBytes + 1);
        var app = builder.Build();
        var logger = new RecordingLogger<AwsEdge>();
        var verifier = new SigV4Verifier(new FakeCredentialSource(Alice), new FakeTimeProvider(Now), new SigV4Options());
        var edge = new AwsEdge(services, verifier, policies, logger);
        app.MapFallback("{*path}", edge.HandleAsync);
        await app.StartAsync();
        return new EdgeServer(app, new Uri(app.Urls.Single()), logger);
    }

    /// <summary>POSTs a JSON body signed by <paramref name="signAs"/> for <paramref name="service"/>; a null target sends no X-Amz-Target.</summary>
    public Task<EdgeResponse> SendAsync(string? target, string body, Credential? signAs = null, string service = "ecs") =>
        SendAsync(target, Encoding.UTF8.GetBytes(body), signAs ?? Alice, service);

    /// <summary>POSTs an awsQuery form body signed by Alice for <paramref name="service"/>.</summary>
    public Task<EdgeResponse> SendFormAsync(string body, string service = "elasticloadbalancing") =>
        SendAsync(null, Encoding.UTF8.GetBytes(body), Alice, service, contentType: "application/x-www-form-urlencoded; charset=utf-8");

    /// <summary>POSTs without an Authorization header.</summary>
    public Task<EdgeResponse> SendUnsignedAsync(string? target, byte[] body, bool chunked = false) =>
        SendAsync(target, body, signAs: null, "ecs", chunked);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task<EdgeResponse> SendAsync(string? target, byte[] body, Credential? signAs, string service, bool chunked = false, string contentType = "application/x-amz-json-1.1")
    {
        var headers = new List<KeyValuePair<string, string>>
        {
            new("Host", Address.Authority),
            new("X-Amz-Date", SigV4Signer.FormatAmzDate(Now)),
            new("Content-Type", contentType),
        };
        if (target is not null)
        {
            headers.Add(new("X-Amz-Target", target));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", SigV4Signer.FormatAmzDate(Now));
        if (target is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        }

        if (signAs is not null)
        {
            var authorization = SigV4Signer.Sign(new SigV4Request("POST", "/", string.Empty, headers, body), signAs, Region, service, Now);
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }

        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new EdgeResponse(
            (int)response.StatusCode,
            response.Content.Headers.ContentType?.ToString(),
            Header(response, "x-amzn-RequestId"),
            Header(response, "x-amzn-ErrorType"),
            text);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
