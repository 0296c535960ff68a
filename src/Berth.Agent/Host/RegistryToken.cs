using System.Text;
using Berth.Agent.Docker;
using Berth.Aws.Generated.Ecr;

namespace Berth.Agent.Host;

/// <summary>One GetAuthorizationToken answer as Docker takes it: user and password for the registry host it names, and when
/// to ask again.</summary>
/// <remarks>Printing it prints <see cref="RegistryAuth"/>'s safe form, never the password.</remarks>
internal sealed record RegistryToken(RegistryAuth Auth, DateTimeOffset RenewAt)
{
    public bool IsFor(string host) => string.Equals(Auth.ServerAddress, host, StringComparison.OrdinalIgnoreCase);

    public bool IsDue(TimeProvider time) => time.GetUtcNow() >= RenewAt;

    /// <summary>The token is <c>base64(user ":" password)</c>; proxyEndpoint is the registry's URL. Throws FormatException
    /// for an answer that is not one.</summary>
    public static RegistryToken From(AuthorizationData? data, TimeProvider time)
    {
        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(data?.AuthorizationToken ?? throw Malformed("no authorizationToken")));
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw Malformed("an authorizationToken that is not user:password");
        }

        if (!Uri.TryCreate(data.ProxyEndpoint, UriKind.Absolute, out var endpoint))
        {
            throw Malformed("no proxyEndpoint");
        }

        var auth = new RegistryAuth { Username = decoded[..colon], Password = decoded[(colon + 1)..], ServerAddress = endpoint.Authority };
        // Without an expiry the token is used for this pull only.
        return new RegistryToken(auth, (data.ExpiresAt ?? time.GetUtcNow()) - EcrRegistryCredentials.RenewBefore);
    }

    private static FormatException Malformed(string what) => new($"GetAuthorizationToken answered {what}.");
}
