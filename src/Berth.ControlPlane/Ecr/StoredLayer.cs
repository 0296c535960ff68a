namespace Berth.ControlPlane.Ecr;

/// <summary>That a blob of the shared blob store belongs to a repository: pulls and manifests see only their repository's blobs.</summary>
public sealed record StoredLayer(long Size, DateTimeOffset LinkedAt);
