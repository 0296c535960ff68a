using System.Text;
using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Ecr;
using Berth.ControlPlane.Ecs;

namespace Berth.ControlPlane.Ecr.Auth;

/// <summary>GetAuthorizationToken: <c>base64("AWS:" + password)</c> for the one registry Berth serves, valid 12 hours; the password
/// names the caller, so repository policies apply to its pushes and pulls as to the caller's API calls.</summary>
public sealed class AuthorizationHandlers(RegistryTokens tokens, EcrOptions options)
{
    public ValueTask<GetAuthorizationTokenResponse> GetAuthorizationToken(
        RequestContext context, GetAuthorizationTokenRequest request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        if (request.RegistryIds?.FirstOrDefault(id => id != scope.AccountId) is { } other)
        {
            throw EcrErrors.InvalidParameter($"Invalid parameter at 'registryIds' failed to satisfy constraint: 'Berth serves only the registry of account {scope.AccountId}, not {other}'");
        }

        var (password, expiresAt) = tokens.Issue(scope, context.PrincipalArn);
        var data = new AuthorizationData
        {
            AuthorizationToken = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{RegistryTokens.UserName}:{password}")),
            ExpiresAt = expiresAt,
            ProxyEndpoint = $"http://{options.RegistryHost}",
        };
        return ValueTask.FromResult(new GetAuthorizationTokenResponse { AuthorizationData = [data] });
    }
}
