namespace Berth.Agent.Docker;

/// <summary>One container event from GET /events.</summary>
public sealed record ContainerEvent
{
    public required ContainerEventAction Action { get; init; }

    /// <summary>Docker's word as sent: "start", "die", "health_status: healthy", "exec_start: sh -c ...".</summary>
    public required string RawAction { get; init; }

    public required string ContainerId { get; init; }

    /// <summary>The container's labels plus Docker's own: "name", "image", and "exitCode" on die, "signal" on kill.</summary>
    public required IReadOnlyDictionary<string, string> Attributes { get; init; }

    /// <summary>When the engine emitted it (100 ns precision); pass it as <see cref="EventsQuery.Since"/> to resume.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>The engine's own timestamp, Unix nanoseconds (events of one container are in this order).</summary>
    public required long TimeNano { get; init; }

    /// <summary>The exit code on <see cref="ContainerEventAction.Die"/>, else null.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The new status on <see cref="ContainerEventAction.HealthStatus"/> (see <see cref="HealthStatuses"/>).</summary>
    public string? HealthStatus { get; init; }

    /// <summary>The container's name (without "/").</summary>
    public string? Name => Attributes.GetValueOrDefault("name");
}
