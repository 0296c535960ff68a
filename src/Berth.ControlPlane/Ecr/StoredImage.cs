namespace Berth.ControlPlane.Ecr;

/// <summary>An image (a manifest) of a repository, stored under its digest; the registry and the ECR API read the same record.</summary>
public sealed record StoredImage
{
    public required string Digest { get; init; }

    /// <summary>The manifest exactly as pushed: its digest is over these bytes (UTF-8).</summary>
    public required string Manifest { get; init; }

    public required string MediaType { get; init; }

    /// <summary>The config's media type of an image manifest; none for an index.</summary>
    public string? ArtifactMediaType { get; init; }

    /// <summary>The sum of the layers' sizes, as ECR reports an image's size.</summary>
    public long SizeInBytes { get; init; }

    public required DateTimeOffset PushedAt { get; init; }

    /// <summary>The tags pointing at this image, in the order they were given; the <c>ecr.image-tag</c> documents index them.</summary>
    public List<string> Tags { get; init; } = [];

    /// <summary>The manifests an index lists (digests); empty for an image manifest.</summary>
    public List<string> Children { get; init; } = [];
}
