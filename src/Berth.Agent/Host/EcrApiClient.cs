using Berth.Aws.Generated.Ecr;

namespace Berth.Agent.Host;

/// <summary>The ECR operation the agent pulls images from Berth's registry with, signed for the agent's region.</summary>
public sealed class EcrApiClient(AwsJsonClient caller, string region)
{
    /// <summary>A registry token of the caller's account; its proxyEndpoint names the registry it is good for.</summary>
    public Task<GetAuthorizationTokenResponse> GetAuthorizationTokenAsync(AccessKey key, CancellationToken ct) =>
        caller.CallAsync(AwsJsonApi.Ecr, region, "GetAuthorizationToken", new GetAuthorizationTokenRequest(),
            EcrJsonContext.Default.GetAuthorizationTokenRequest, EcrJsonContext.Default.GetAuthorizationTokenResponse, key, ct);
}
