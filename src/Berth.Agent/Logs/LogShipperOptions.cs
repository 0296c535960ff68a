namespace Berth.Agent.Logs;

/// <summary>Settings of log shipping.</summary>
public sealed record LogShipperOptions
{
    /// <summary>How often collected events are sent even when a batch is not full (the Docker awslogs driver's is 5 s; ECS
    /// users expect their lines sooner).</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>First pause before a failed call to the Logs API or to Docker is retried; doubled up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan MinRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Bytes of lines read ahead in blocking mode; reading pauses when they wait (Docker keeps the rest on disk).</summary>
    public long BlockingBufferSize { get; init; } = 4 * 1024 * 1024;

    public TimeSpan NextRetryDelay(TimeSpan delay) => TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
}
