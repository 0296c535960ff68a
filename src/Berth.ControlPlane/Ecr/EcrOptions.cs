namespace Berth.ControlPlane.Ecr;

/// <summary>Where the registry keeps its blobs and key, the host its repository URIs name, and how long unfinished uploads live.</summary>
public sealed record EcrOptions
{
    /// <summary>The data dir: blobs go under <c>registry/</c>, the token key beside the database.</summary>
    public required string DataDir { get; init; }

    /// <summary>host:port that clients reach the registry at (the edge's own port); repository URIs and proxyEndpoint name it.</summary>
    public required string RegistryHost { get; init; }

    /// <summary>How long an upload may go untouched before it is abandoned and deleted: a week, the reference registry's
    /// default upload purge age.</summary>
    public TimeSpan UploadPurgeAge { get; init; } = TimeSpan.FromDays(7);

    public string BlobRoot => Path.Combine(DataDir, "registry");
}
