using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Berth.Domain;

namespace Berth.ControlPlane.Ecr.Auth;

/// <summary>The registry passwords GetAuthorizationToken hands out (for user <c>AWS</c>, as ECR's): each names its account,
/// region and expiry and carries an HMAC over them with a key only this server holds, so the registry verifies one without
/// storing anything, and one cannot be forged or stretched.</summary>
public sealed class RegistryTokens(byte[] key, TimeProvider time)
{
    /// <summary>ECR's tokens are valid for 12 hours.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    public const string UserName = "AWS";

    private const string Version = "b1";

    public (string Password, DateTimeOffset ExpiresAt) Issue(ResourceScope scope)
    {
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds((time.GetUtcNow() + Lifetime).ToUnixTimeSeconds());
        var claims = $"{Version}.{scope.AccountId}.{scope.Region}.{expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";
        return ($"{claims}.{Sign(claims)}", expiresAt);
    }

    /// <summary>The scope a password grants, or null when it is malformed, forged or expired.</summary>
    public ResourceScope? Verify(string password)
    {
        var parts = password.Split('.');
        if (parts is not [Version, var account, var region, var expiry, var signature]
            || !long.TryParse(expiry, NumberStyles.None, CultureInfo.InvariantCulture, out var expirySeconds))
        {
            return null;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(string.Join('.', parts[..4])));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature)))
        {
            return null;
        }

        return time.GetUtcNow().ToUnixTimeSeconds() < expirySeconds ? new ResourceScope(account, region) : null;
    }

    private string Sign(string claims) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(claims))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
