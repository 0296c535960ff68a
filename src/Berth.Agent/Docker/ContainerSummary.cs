namespace Berth.Agent.Docker;

/// <summary>A container as listed (GET /containers/json): enough to recognise it by its labels.</summary>
public sealed record ContainerSummary
{
    public required string Id { get; init; }

    /// <summary>Without Docker's leading "/"; the first is the container's own name.</summary>
    public required IReadOnlyList<string> Names { get; init; }

    public required string Image { get; init; }

    public required string ImageId { get; init; }

    /// <summary>"created", "running", "exited", ... as in <see cref="ContainerState.Status"/>.</summary>
    public required string State { get; init; }

    /// <summary>Docker's human text, e.g. "Up 3 seconds (healthy)", "Exited (137) 2 minutes ago".</summary>
    public required string Status { get; init; }

    public required DateTimeOffset Created { get; init; }

    public required IReadOnlyDictionary<string, string> Labels { get; init; }
}
