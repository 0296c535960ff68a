namespace Berth.Agent.Docker.Internal;

/// <summary>Splits an image reference into the <c>fromImage</c> and <c>tag</c> of a pull. The engine pulls every tag
/// of a repository when the tag is empty, so a reference without tag or digest means "latest" (as the docker CLI does).</summary>
internal static class ImageReference
{
    public const string DefaultTag = "latest";

    /// <summary>"busybox" → (busybox, latest); "127.0.0.1:5000/app:1" → (127.0.0.1:5000/app, 1);
    /// "app@sha256:ab.." → (app, sha256:ab..); "app:1@sha256:ab.." → (app, sha256:ab..) — the digest wins.</summary>
    public static (string Repository, string TagOrDigest) Split(string image)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            var named = image[..at];
            return (StripTag(named), image[(at + 1)..]);
        }

        var colon = TagSeparator(image);
        return colon < 0 ? (image, DefaultTag) : (image[..colon], image[(colon + 1)..]);
    }

    /// <summary>The reference as the engine stores it after a pull: with ":latest" when it had neither tag nor digest.</summary>
    public static string Normalize(string image)
    {
        var (repository, tagOrDigest) = Split(image);
        return tagOrDigest.Contains(':', StringComparison.Ordinal) ? repository + "@" + tagOrDigest : repository + ":" + tagOrDigest;
    }

    /// <summary>The registry host <paramref name="image"/> names, or null for Docker Hub: as Docker reads a reference, the part
    /// before the first '/' is a host when it has a '.' or a ':' or is "localhost" ("127.0.0.1:9400/web:1" → 127.0.0.1:9400,
    /// "berth-test/busybox" → null).</summary>
    public static string? RegistryHost(string image)
    {
        var slash = image.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return null;
        }

        var first = image[..slash];
        return first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost" ? first : null;
    }

    private static string StripTag(string named)
    {
        var colon = TagSeparator(named);
        return colon < 0 ? named : named[..colon];
    }

    /// <summary>A tag's ':' comes after the last '/'; an earlier one separates a registry host from its port.</summary>
    private static int TagSeparator(string reference)
    {
        var colon = reference.LastIndexOf(':');
        return colon > reference.LastIndexOf('/') ? colon : -1;
    }
}
