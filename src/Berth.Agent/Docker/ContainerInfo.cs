namespace Berth.Agent.Docker;

/// <summary>A container as the engine sees it now (GET /containers/{id}/json).</summary>
public sealed record ContainerInfo
{
    /// <summary>The full 64-hex-digit id.</summary>
    public required string Id { get; init; }

    /// <summary>Without Docker's leading "/".</summary>
    public required string Name { get; init; }

    /// <summary>The image reference it was created from ("repo:tag").</summary>
    public required string Image { get; init; }

    /// <summary>"sha256:..." of that image.</summary>
    public required string ImageId { get; init; }

    public DateTimeOffset? Created { get; init; }

    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    public required ContainerState State { get; init; }

    public bool Tty { get; init; }

    /// <summary>Published ports: one entry per host binding (a port published on IPv4 and IPv6 appears twice).</summary>
    public required IReadOnlyList<PublishedPort> Ports { get; init; }

    /// <summary>The networks it is attached to, by network name ("bridge", a user network; empty for
    /// container:&lt;id&gt; and none modes).</summary>
    public required IReadOnlyList<NetworkAttachment> Networks { get; init; }

    public int RestartCount { get; init; }
}
