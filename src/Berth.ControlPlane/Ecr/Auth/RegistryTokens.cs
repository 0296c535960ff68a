using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Berth.Domain;

namespace Berth.ControlPlane.Ecr.Auth;

/// <summary>The credentials the registry accepts, each signed with an HMAC under a key only this server holds, so the registry
/// verifies one without storing anything and none can be forged, stretched or moved: the passwords GetAuthorizationToken hands
/// out (for user <c>AWS</c>, as ECR's), naming account, region, the caller's principal and expiry; and the presigned layer URLs
/// of GetDownloadUrlForLayer, naming account, region, repository, digest and expiry.</summary>
/// <remarks>Each kind of claim starts with its own version tag, so a signature of one kind never verifies as the other.</remarks>
public sealed class RegistryTokens(byte[] key, TimeProvider time)
{
    /// <summary>ECR's tokens are valid for 12 hours.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    /// <summary>ECR's layer URLs are presigned S3 URLs that last about an hour.</summary>
    public static readonly TimeSpan LayerUrlLifetime = TimeSpan.FromHours(1);

    public const string UserName = "AWS";

    private const string PasswordVersion = "b2";
    private const string LayerUrlVersion = "l1";

    public (string Password, DateTimeOffset ExpiresAt) Issue(ResourceScope scope, string principalArn)
    {
        var expiresAt = ExpiryAfter(Lifetime);
        var principal = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(principalArn));
        var claims = $"{PasswordVersion}.{scope.AccountId}.{scope.Region}.{Seconds(expiresAt)}.{principal}";
        return ($"{claims}.{Sign(claims)}", expiresAt);
    }

    /// <summary>Who a password names and the scope it grants, or null when it is malformed, forged or expired.</summary>
    public RegistryGrant? Verify(string password)
    {
        var parts = password.Split('.');
        if (parts is not [PasswordVersion, var account, var region, var expiry, var principal, var signature]
            || !Matches(string.Join('.', parts[..5]), signature)
            || Expired(expiry))
        {
            return null;
        }

        // Signed by this server, so it is the base64url text Issue wrote.
        return new RegistryGrant(new ResourceScope(account, region), Encoding.UTF8.GetString(Base64Url.DecodeFromChars(principal)));
    }

    /// <summary>What lets anyone holding the layer's URL read that one blob of that one repository for <see cref="LayerUrlLifetime"/>.</summary>
    public LayerUrlSignature PresignLayer(ResourceScope scope, string repository, string digest)
    {
        var expires = Seconds(ExpiryAfter(LayerUrlLifetime));
        return new LayerUrlSignature(scope.AccountId, scope.Region, expires, Sign(LayerClaims(scope.AccountId, scope.Region, expires, repository, digest)));
    }

    /// <summary>The scope a presigned layer URL grants for this repository and digest; DENIED when it was altered, names another
    /// layer, or has expired.</summary>
    public ResourceScope VerifyLayer(LayerUrlSignature url, string repository, string digest)
    {
        if (!Matches(LayerClaims(url.Account, url.Region, url.Expires, repository, digest), url.Signature))
        {
            throw new RegistryException(RegistryError.Denied, "The download URL's signature does not match: it was altered, or it is not from this server.");
        }

        return Expired(url.Expires)
            ? throw new RegistryException(RegistryError.Denied, "The download URL has expired; call GetDownloadUrlForLayer for a new one.")
            : new ResourceScope(url.Account, url.Region);
    }

    /// <summary>Each field length-prefixed: no choice of values (a region or name holding separators) can shift one field's text
    /// into another's and so reuse a signature for other claims.</summary>
    private static string LayerClaims(params string[] fields) =>
        LayerUrlVersion + string.Concat(fields.Select(field => string.Create(CultureInfo.InvariantCulture, $"|{field.Length}:{field}")));

    private DateTimeOffset ExpiryAfter(TimeSpan lifetime) => DateTimeOffset.FromUnixTimeSeconds((time.GetUtcNow() + lifetime).ToUnixTimeSeconds());

    private static string Seconds(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>True unless the expiry (Unix seconds) is well-formed and still ahead.</summary>
    private bool Expired(string expiry) =>
        !long.TryParse(expiry, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || time.GetUtcNow().ToUnixTimeSeconds() >= seconds;

    private bool Matches(string claims, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(claims)), Encoding.ASCII.GetBytes(signature));

    private string Sign(string claims) => Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(claims)));
}
