using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Berth.ControlPlane.Ecr;

/// <summary>Content digests: Berth computes and accepts sha256 only, written <c>sha256:</c> and 64 lowercase hex digits.</summary>
public static partial class Digests
{
    public const string Sha256Prefix = "sha256:";

    public static bool IsValid(string? digest) => digest is not null && Pattern().IsMatch(digest);

    public static string Of(ReadOnlySpan<byte> content) => Sha256Prefix + Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>The hex part of a valid digest (what names its file).</summary>
    public static string Hex(string digest) => digest[Sha256Prefix.Length..];

    [GeneratedRegex("^sha256:[a-f0-9]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
