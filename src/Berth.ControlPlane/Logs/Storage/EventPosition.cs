namespace Berth.ControlPlane.Logs.Storage;

/// <summary>A place in (timestamp, sequence) order, the order every read returns events in; bounds that use it are exclusive.</summary>
public readonly record struct EventPosition(long Timestamp, long Sequence)
{
    /// <summary>Before every event at or after <paramref name="timestamp"/> (sequences start at 1).</summary>
    public static EventPosition Before(long timestamp) => new(timestamp, 0);

    /// <summary>After every event at or before <paramref name="timestamp"/>.</summary>
    public static EventPosition After(long timestamp) => new(timestamp, long.MaxValue);
}
