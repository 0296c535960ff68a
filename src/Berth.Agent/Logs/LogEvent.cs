namespace Berth.Agent.Logs;

/// <summary>One CloudWatch event assembled from one or more lines: stamped with its first line's time, and ending at its last
/// line's position.</summary>
public sealed record LogEvent(string Message, DateTimeOffset Timestamp, LogCursor End)
{
    /// <summary>Its size as PutLogEvents counts it: the UTF-8 message plus 26 bytes.</summary>
    public int Size => System.Text.Encoding.UTF8.GetByteCount(Message) + LogBatch.EventOverhead;
}
