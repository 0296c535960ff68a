using System.Net.Http.Headers;
using System.Text;
using Berth.ControlPlane.Ecr.Auth;
using Berth.Domain;

namespace Berth.ControlPlane.Ecr.Registry;

/// <summary>Reads a registry request's Basic credentials: user <c>AWS</c> and a password from GetAuthorizationToken. Anything
/// else, including no credentials, is anonymous, and the registry refuses anonymous requests.</summary>
public sealed class RegistryAuthenticator(RegistryTokens tokens)
{
    /// <summary>The scope the request's password grants, or null.</summary>
    public ResourceScope? Authenticate(string? authorization)
    {
        if (!AuthenticationHeaderValue.TryParse(authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && decoded[..colon] == RegistryTokens.UserName ? tokens.Verify(decoded[(colon + 1)..]) : null;
    }
}
