using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Headers;
using System.Text;
using Berth.ControlPlane.Ecr.Auth;
using Berth.Domain;
using Microsoft.AspNetCore.Http;

namespace Berth.ControlPlane.Ecr.Registry;

/// <summary>Reads a registry request's credentials: Basic, user <c>AWS</c> and a password from GetAuthorizationToken; or, for a
/// layer pull only, the query of a URL GetDownloadUrlForLayer presigned. Anything else, including no credentials, is
/// anonymous, and the registry refuses anonymous requests.</summary>
public sealed class RegistryAuthenticator(RegistryTokens tokens)
{
    /// <summary>Who the request's password names and the scope it grants, or null.</summary>
    public RegistryGrant? Authenticate(string? authorization)
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

    /// <summary>The scope a presigned layer URL grants: a GET or HEAD of the blob it was signed for, before it expires (DENIED
    /// otherwise). Like S3's presigned URLs, it stands for the caller who presigned it, whose access was checked then.</summary>
    public ResourceScope AuthenticateLayerUrl([NotNull] RegistryRoute? route, string method, IQueryCollection query)
    {
        if (route is not { Resource: RegistryResource.Blob } || !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method)))
        {
            throw new RegistryException(RegistryError.Denied, "A download URL lets its holder read the one layer it names, nothing else.");
        }

        return tokens.VerifyLayer(LayerUrlSignature.FromQuery(query), route.Name, route.Reference);
    }
}
