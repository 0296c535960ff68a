using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Berth.AgentProtocol;
using Berth.Aws.Auth;
using Berth.Aws.Generated.Ecs;

namespace Berth.Agent.Host;

/// <summary>A signed client of the ECS API (awsJson 1.1, SigV4) and of the credentials endpoint, each call signed with the
/// key it is given: the agent's operations by name, any other through <see cref="CallAsync"/> (as <c>berth place</c> reads).</summary>
public sealed class EcsApiClient(HttpClient http, Uri endpoint, string region, TimeProvider time)
{
    private const string TargetPrefix = "AmazonEC2ContainerServiceV20141113.";
    private const string JsonContentType = "application/x-amz-json-1.1";

    public Task<RegisterContainerInstanceResponse> RegisterContainerInstanceAsync(RegisterContainerInstanceRequest request, AccessKey key, CancellationToken ct) =>
        CallAsync("RegisterContainerInstance", request, EcsJsonContext.Default.RegisterContainerInstanceRequest, EcsJsonContext.Default.RegisterContainerInstanceResponse, key, ct);

    public Task<CreateClusterResponse> CreateClusterAsync(string name, AccessKey key, CancellationToken ct) =>
        CallAsync("CreateCluster", new CreateClusterRequest { ClusterName = name }, EcsJsonContext.Default.CreateClusterRequest, EcsJsonContext.Default.CreateClusterResponse, key, ct);

    public Task<DiscoverPollEndpointResponse> DiscoverPollEndpointAsync(DiscoverPollEndpointRequest request, AccessKey key, CancellationToken ct) =>
        CallAsync("DiscoverPollEndpoint", request, EcsJsonContext.Default.DiscoverPollEndpointRequest, EcsJsonContext.Default.DiscoverPollEndpointResponse, key, ct);

    public Task<SubmitTaskStateChangeResponse> SubmitTaskStateChangeAsync(SubmitTaskStateChangeRequest request, AccessKey key, CancellationToken ct) =>
        CallAsync("SubmitTaskStateChange", request, EcsJsonContext.Default.SubmitTaskStateChangeRequest, EcsJsonContext.Default.SubmitTaskStateChangeResponse, key, ct);

    public Task<SubmitContainerStateChangeResponse> SubmitContainerStateChangeAsync(SubmitContainerStateChangeRequest request, AccessKey key, CancellationToken ct) =>
        CallAsync("SubmitContainerStateChange", request, EcsJsonContext.Default.SubmitContainerStateChangeRequest, EcsJsonContext.Default.SubmitContainerStateChangeResponse, key, ct);

    /// <summary>A new key pair of the instance's own, issued to a user of the account.</summary>
    public async Task<CredentialsResponse> IssueInstanceKeyAsync(string containerInstanceArn, AccessKey adminKey, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new CredentialsRequest(containerInstanceArn), AgentProtocolJsonContext.Default.CredentialsRequest);
        var answer = await SendAsync(AgentPaths.Credentials, body, "application/json", target: null, adminKey, ct).ConfigureAwait(false);
        return JsonSerializer.Deserialize(answer, AgentProtocolJsonContext.Default.CredentialsResponse)
            ?? throw new EcsApiException(500, "ServerException", "The credentials endpoint answered an empty body.");
    }

    /// <summary>The channel's URL, presigned with the instance key for five minutes (only the upgrade request is checked).</summary>
    public Uri PresignChannel(Uri pollEndpoint, string containerInstanceArn, AccessKey instanceKey)
    {
        var host = pollEndpoint.Authority;
        var query = $"{AgentPaths.InstanceParameter}={Uri.EscapeDataString(containerInstanceArn)}";
        var request = new SigV4Request("GET", AgentPaths.Channel, query, [new("Host", host)], ReadOnlyMemory<byte>.Empty);
        var signed = SigV4Signer.Presign(request, Signing(instanceKey), region, AgentPaths.SigningService, time.GetUtcNow(), TimeSpan.FromMinutes(5));
        var scheme = pollEndpoint.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        return new Uri($"{scheme}://{host}{AgentPaths.Channel}?{signed}");
    }

    /// <summary>Any ECS operation, with the generated types' JSON metadata (berth place and the load runs under bench/ use it
    /// beyond the agent's own few); an error answer is an <see cref="EcsApiException"/>.</summary>
    public async Task<TResponse> CallAsync<TRequest, TResponse>(
        string operation, TRequest request, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, AccessKey key, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        var answer = await SendAsync("/", body, JsonContentType, TargetPrefix + operation, key, ct).ConfigureAwait(false);
        return JsonSerializer.Deserialize(answer, responseType)
            ?? throw new EcsApiException(500, "ServerException", $"{operation} answered an empty body.");
    }

    private async Task<byte[]> SendAsync(string path, byte[] body, string contentType, string? target, AccessKey key, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var headers = new List<KeyValuePair<string, string>>
        {
            new("Host", endpoint.Authority),
            new("X-Amz-Date", SigV4Signer.FormatAmzDate(now)),
            new("Content-Type", contentType),
        };
        if (target is not null)
        {
            headers.Add(new("X-Amz-Target", target));
        }

        var authorization = SigV4Signer.Sign(new SigV4Request("POST", path, string.Empty, headers, body), Signing(key), region, AgentPaths.SigningService, now);
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, path)) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        foreach (var (name, value) in headers.Where(h => h.Key is not ("Host" or "Content-Type")))
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        message.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await http.SendAsync(message, ct).ConfigureAwait(false);
        var answer = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        return response.IsSuccessStatusCode ? answer : throw ErrorOf((int)response.StatusCode, answer);
    }

    /// <summary>An AWS JSON error body (<c>__type</c> may carry a namespace before '#'); anything else keeps the status.</summary>
    private static EcsApiException ErrorOf(int status, byte[] body)
    {
        try
        {
            var error = JsonSerializer.Deserialize(body, AgentProtocolJsonContext.Default.ErrorBody);
            if (error?.Type is { Length: > 0 } type)
            {
                return new EcsApiException(status, type[(type.LastIndexOf('#') + 1)..], error.Message ?? string.Empty);
            }
        }
        catch (JsonException)
        {
        }

        return new EcsApiException(status, status >= 500 ? "ServerException" : "ClientException", $"HTTP {status}");
    }

    // The signer needs only the key pair; account and principal are the verifier's business.
    private static Credential Signing(AccessKey key) => new(key.Id, key.Secret, string.Empty, string.Empty);
}
