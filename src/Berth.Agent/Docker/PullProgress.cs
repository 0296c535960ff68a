namespace Berth.Agent.Docker;

/// <summary>One line of the engine's pull stream: a status ("Pulling fs layer", "Downloading", "Pull complete",
/// "Digest: sha256:...") for the image or for one layer.</summary>
public sealed record PullProgress
{
    public required string Status { get; init; }

    /// <summary>The short layer id, or the tag for image-level lines; null for summary lines.</summary>
    public string? Id { get; init; }

    /// <summary>Bytes done so far of <see cref="Total"/>, for "Downloading" and "Extracting".</summary>
    public long? Current { get; init; }

    public long? Total { get; init; }
}
