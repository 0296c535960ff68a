namespace Berth.Agent.Logs;

/// <summary>A position in a container's Docker log: the engine timestamp of a line and how many lines with exactly that
/// timestamp come up to it (Docker's <c>since</c> is inclusive, and several lines can share a timestamp).</summary>
public sealed record LogCursor(DateTimeOffset Timestamp, int Count)
{
    /// <summary>The position of the line after this one, stamped <paramref name="timestamp"/>.</summary>
    public LogCursor Next(DateTimeOffset timestamp) => timestamp == Timestamp ? this with { Count = Count + 1 } : new LogCursor(timestamp, 1);
}
