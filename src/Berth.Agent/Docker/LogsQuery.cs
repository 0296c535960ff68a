namespace Berth.Agent.Docker;

/// <summary>Which part of a container's log to read (the engine's log driver must be json-file, local or journald).</summary>
public sealed record LogsQuery
{
    /// <summary>Keep the stream open and deliver new lines until the container stops (or the caller cancels).</summary>
    public bool Follow { get; init; }

    public bool Stdout { get; init; } = true;

    public bool Stderr { get; init; } = true;

    /// <summary>Only lines at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only the last N lines; null = all.</summary>
    public int? Tail { get; init; }

    /// <summary>Ask the engine for each line's receive time (<see cref="LogEntry.Timestamp"/>).</summary>
    public bool Timestamps { get; init; }
}
