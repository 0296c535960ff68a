namespace Berth.Agent.Logs;

/// <summary>One line read from a container's log, with where it sits in the log (its <see cref="Position"/> becomes the cursor
/// once the line is shipped).</summary>
public sealed record LogLine(string Text, DateTimeOffset Timestamp, LogCursor Position);
