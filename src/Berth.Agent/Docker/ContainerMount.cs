namespace Berth.Agent.Docker;

/// <summary>A Docker bind: <see cref="Source"/> is an absolute host path (created by Docker when missing) or the
/// name of a Docker volume (created when missing).</summary>
public sealed record ContainerMount
{
    public required string Source { get; init; }

    /// <summary>The absolute path inside the container.</summary>
    public required string Target { get; init; }

    public bool ReadOnly { get; init; }
}
