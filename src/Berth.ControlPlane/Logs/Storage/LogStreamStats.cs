namespace Berth.ControlPlane.Logs.Storage;

/// <summary>What a stream's events add up to; times are epoch milliseconds and null until the stream has events.</summary>
public sealed record LogStreamStats(long? FirstEventTimestamp, long? LastEventTimestamp, long? LastIngestionTime, long StoredBytes)
{
    public static readonly LogStreamStats Empty = new(null, null, null, 0);
}
