namespace Berth.ControlPlane.Ecr;

/// <summary>Where the registry keeps its blobs and key, and the host its repository URIs name.</summary>
public sealed record EcrOptions
{
    /// <summary>The data dir: blobs go under <c>registry/</c>, the token key beside the database.</summary>
    public required string DataDir { get; init; }

    /// <summary>host:port that clients reach the registry at (the edge's own port); repository URIs and proxyEndpoint name it.</summary>
    public required string RegistryHost { get; init; }

    public string BlobRoot => Path.Combine(DataDir, "registry");
}
