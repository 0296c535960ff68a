namespace Berth.ControlPlane.Ecr;

/// <summary>A blob upload in progress; its bytes are in the blob store's upload file of the same id.</summary>
public sealed record StoredUpload(string RepositoryName, DateTimeOffset StartedAt);
