namespace Berth.ControlPlane.Ecr.Images;

/// <summary>What a valid manifest references: the blobs an image manifest needs (config and layers) or the manifests an
/// index lists, and what ECR reports about it.</summary>
public sealed record ParsedManifest(
    string Digest,
    string MediaType,
    string? ArtifactMediaType,
    IReadOnlyList<string> Blobs,
    IReadOnlyList<string> Children,
    long LayersSize);
