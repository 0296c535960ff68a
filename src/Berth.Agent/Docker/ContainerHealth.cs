namespace Berth.Agent.Docker;

/// <summary>The result of a container's Docker health check so far.</summary>
public sealed record ContainerHealth
{
    /// <summary>"starting", "healthy" or "unhealthy" (see <see cref="HealthStatuses"/>).</summary>
    public required string Status { get; init; }

    /// <summary>Consecutive failed checks.</summary>
    public required int FailingStreak { get; init; }

    /// <summary>Output of the most recent check (Docker keeps the last five), or null before the first.</summary>
    public string? LastOutput { get; init; }

    public int? LastExitCode { get; init; }

    public DateTimeOffset? LastCheckEnd { get; init; }
}
