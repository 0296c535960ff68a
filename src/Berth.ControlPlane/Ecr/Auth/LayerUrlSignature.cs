using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Berth.ControlPlane.Ecr.Auth;

/// <summary>The query string that presigns a layer's URL on the registry: the account and region it reads from, its expiry
/// (Unix seconds) and the signature over them with the repository and digest of the path.</summary>
public sealed record LayerUrlSignature(string Account, string Region, string Expires, string Signature)
{
    public const string SignatureParameter = "X-Berth-Signature";

    private const string AccountParameter = "X-Berth-Account";
    private const string RegionParameter = "X-Berth-Region";
    private const string ExpiresParameter = "X-Berth-Expires";

    /// <summary>Whether a request carries a presigned URL's query (and is judged by it rather than by a password).</summary>
    public static bool IsPresigned(IQueryCollection query) => query.ContainsKey(SignatureParameter);

    /// <summary>The signature a request's query carries; a missing parameter reads as empty, which never verifies.</summary>
    public static LayerUrlSignature FromQuery(IQueryCollection query) =>
        new(query[AccountParameter].ToString(), query[RegionParameter].ToString(), query[ExpiresParameter].ToString(), query[SignatureParameter].ToString());

    public string ToQuery() => string.Create(CultureInfo.InvariantCulture,
        $"{AccountParameter}={Uri.EscapeDataString(Account)}&{RegionParameter}={Uri.EscapeDataString(Region)}&{ExpiresParameter}={Expires}&{SignatureParameter}={Signature}");
}
