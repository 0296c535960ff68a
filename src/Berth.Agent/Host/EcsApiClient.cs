using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Berth.AgentProtocol;
using Berth.Aws.Auth;
using Berth.Aws.Generated.Ecs;

namespace Berth.Agent.Host;

/// <summary>A signed client of the ECS API and of the credentials endpoint (over <see cref="AwsJsonClient"/>), each call signed
/// with the key it is given: the agent's operations by name, any other through <see cref="CallAsync"/> (as <c>berth place</c> reads).</summary>
public sealed class EcsApiClient(HttpClient http, Uri endpoint, string region, TimeProvider time)
{
    private readonly AwsJsonClient _caller = new(http, endpoint, time);

    /// <summary>The signed caller underneath, for the other APIs of the same control plane.</summary>
    public AwsJsonClient Caller => _caller;

    /// <summary>The region ECS calls are signed for.</summary>
    public string Region => region;

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
        var answer = await _caller.SendAsync(AgentPaths.Credentials, body, "application/json", target: null, AgentPaths.SigningService, region, adminKey, ct)
            .ConfigureAwait(false);
        return JsonSerializer.Deserialize(answer, AgentProtocolJsonContext.Default.CredentialsResponse)
            ?? throw new AwsApiException(500, "ServerException", "The credentials endpoint answered an empty body.");
    }

    /// <summary>The channel's URL, presigned with the instance key for five minutes (only the upgrade request is checked).</summary>
    public Uri PresignChannel(Uri pollEndpoint, string containerInstanceArn, AccessKey instanceKey)
    {
        var host = pollEndpoint.Authority;
        var query = $"{AgentPaths.InstanceParameter}={Uri.EscapeDataString(containerInstanceArn)}";
        var request = new SigV4Request("GET", AgentPaths.Channel, query, [new("Host", host)], ReadOnlyMemory<byte>.Empty);
        var signed = SigV4Signer.Presign(request, AwsJsonClient.Signing(instanceKey), region, AgentPaths.SigningService, time.GetUtcNow(), TimeSpan.FromMinutes(5));
        var scheme = pollEndpoint.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        return new Uri($"{scheme}://{host}{AgentPaths.Channel}?{signed}");
    }

    /// <summary>Any ECS operation, with the generated types' JSON metadata (berth place and the load runs under bench/ use it
    /// beyond the agent's own few); an error answer is an <see cref="AwsApiException"/>.</summary>
    public Task<TResponse> CallAsync<TRequest, TResponse>(
        string operation, TRequest request, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, AccessKey key, CancellationToken ct) =>
        _caller.CallAsync(AwsJsonApi.Ecs, region, operation, request, requestType, responseType, key, ct);
}
