namespace Berth.Agent.Docker;

/// <summary>An image present in the engine (GET /images/{name}/json).</summary>
public sealed record ImageInfo
{
    /// <summary>"sha256:..." — the image (config) digest.</summary>
    public required string Id { get; init; }

    public required IReadOnlyList<string> RepoTags { get; init; }

    /// <summary>"repo@sha256:..." per registry it was pulled from; empty for a locally built or imported image.</summary>
    public required IReadOnlyList<string> RepoDigests { get; init; }

    public required string Os { get; init; }

    public required string Architecture { get; init; }

    public required long SizeBytes { get; init; }

    public DateTimeOffset? Created { get; init; }

    public required IReadOnlyDictionary<string, string> Labels { get; init; }
}
