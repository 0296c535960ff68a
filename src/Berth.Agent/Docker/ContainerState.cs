namespace Berth.Agent.Docker;

/// <summary>The run state of a container.</summary>
public sealed record ContainerState
{
    /// <summary>Docker's word: "created", "running", "paused", "restarting", "removing", "exited" or "dead".</summary>
    public required string Status { get; init; }

    public required bool Running { get; init; }

    /// <summary>Meaningful once the container has exited; 137 = SIGKILL (also after an OOM kill), 143 = SIGTERM.</summary>
    public required int ExitCode { get; init; }

    /// <summary>The kernel's OOM killer ended it (ECS: "OutOfMemoryError: Container killed due to memory usage").</summary>
    public required bool OomKilled { get; init; }

    /// <summary>Why the engine could not run it (e.g. a start failure), or null.</summary>
    public string? Error { get; init; }

    public int Pid { get; init; }

    /// <summary>Null until it has started once.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Null until it has exited once.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Null when the container has no health check.</summary>
    public ContainerHealth? Health { get; init; }
}
