namespace Berth.Agent.Engine;

/// <summary>What the engine knows about one container; replaced, never mutated, by every applied event.</summary>
public sealed record ContainerState
{
    /// <summary>The container's name in the task spec.</summary>
    public required string Name { get; init; }

    /// <summary>How far the container has got, as observed.</summary>
    public ContainerStatus KnownStatus { get; init; } = ContainerStatus.None;

    /// <summary>Where the engine is driving it; STOPPED once the task stops or the container exited or failed.</summary>
    public DesiredStatus DesiredStatus { get; init; } = DesiredStatus.Running;

    /// <summary>The dispatched Docker operation whose outcome is still awaited; nothing else is issued for the container meanwhile.</summary>
    public ContainerOperation? InFlight { get; init; }

    /// <summary>The Docker container ID, once created.</summary>
    public string? RuntimeId { get; init; }

    /// <summary>The process's exit code, once it exited (137 = killed).</summary>
    public int? ExitCode { get; init; }

    /// <summary>Last health check result; stays UNKNOWN without a task-definition health check.</summary>
    public HealthStatus Health { get; init; } = HealthStatus.Unknown;

    /// <summary>Why it stopped or never ran, "ErrorName: message"; the first reason sticks.</summary>
    public string? Reason { get; init; }

    /// <summary>When its image pull was dispatched.</summary>
    public DateTimeOffset? PullStartedAt { get; init; }

    /// <summary>When its image pull finished (either way).</summary>
    public DateTimeOffset? PullStoppedAt { get; init; }

    /// <summary>When the Docker container was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When its process started; start timeouts of dependents count from here.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When its process ended.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Whether the start-timeout timer for its dependents is armed, so it is armed once.</summary>
    public bool StartTimeoutArmed { get; init; }

    /// <summary>The last container report dispatched; a new one is issued only when the reportable state differs.</summary>
    public required EngineAction.ReportContainerStatus LastReport { get; init; }

    /// <summary>Whether its process ever ran: started, or exited with a code (a fast exit can be seen before the start returns).</summary>
    public bool HasRun => StartedAt is not null || ExitCode is not null;

    /// <summary>A container nothing has happened to yet, desired RUNNING; the control plane already shows it PENDING.</summary>
    public static ContainerState Initial(string name) => new()
    {
        Name = name,
        LastReport = new EngineAction.ReportContainerStatus(name, ContainerStatus.None.ToWire(), null, null, HealthStatus.Unknown),
    };
}
