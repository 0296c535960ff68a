namespace Berth.Agent.Tasks;

/// <summary>A task's reportable state changed: what SubmitTaskStateChange carries. Statuses are ECS wire strings.</summary>
public sealed record TaskStatusReport
{
    public required string TaskArn { get; init; }

    public string? Cluster { get; init; }

    /// <summary>Per task, increasing over task and container reports, so a replayed report is recognized.</summary>
    public required long Sequence { get; init; }

    /// <summary>lastStatus: PENDING, RUNNING, STOPPING, STOPPED, ...</summary>
    public required string Status { get; init; }

    public required string DesiredStatus { get; init; }

    /// <summary>UNKNOWN, HEALTHY or UNHEALTHY.</summary>
    public required string HealthStatus { get; init; }

    /// <summary>ECS stopCode (e.g. EssentialContainerExited) once the task is desired STOPPED.</summary>
    public string? StopCode { get; init; }

    /// <summary>The task's stoppedReason ("reason" of SubmitTaskStateChange).</summary>
    public string? StoppedReason { get; init; }

    public DateTimeOffset? PullStartedAt { get; init; }

    public DateTimeOffset? PullStoppedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? StoppingAt { get; init; }

    public DateTimeOffset? ExecutionStoppedAt { get; init; }

    public DateTimeOffset? StoppedAt { get; init; }
}
