namespace Berth.Agent.Docker;

/// <summary>A Docker health check. Durations go to Docker as nanoseconds; null leaves Docker's default (interval
/// 30 s, timeout 30 s, retries 3, start period 0).</summary>
public sealed record HealthCheckSpec
{
    /// <summary>["CMD", exe, args...] or ["CMD-SHELL", "command line"] (ECS passes its <c>command</c> through as is).</summary>
    public required IReadOnlyList<string> Test { get; init; }

    public TimeSpan? Interval { get; init; }

    public TimeSpan? Timeout { get; init; }

    public int? Retries { get; init; }

    /// <summary>Failures during this time after start do not count.</summary>
    public TimeSpan? StartPeriod { get; init; }
}
