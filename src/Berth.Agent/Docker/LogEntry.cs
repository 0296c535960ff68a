namespace Berth.Agent.Docker;

/// <summary>One message of a container's log: a line it wrote (Docker's log drivers split output into lines; a line
/// longer than 16 KiB arrives as several entries).</summary>
public sealed record LogEntry
{
    public required LogStream Stream { get; init; }

    /// <summary>The text without its trailing newline (UTF-8 decoded; invalid bytes become U+FFFD).</summary>
    public required string Text { get; init; }

    /// <summary>When the engine received it; set only when <see cref="LogsQuery.Timestamps"/> was asked for.</summary>
    public DateTimeOffset? Timestamp { get; init; }
}
