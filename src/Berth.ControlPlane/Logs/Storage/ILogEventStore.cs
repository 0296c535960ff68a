namespace Berth.ControlPlane.Logs.Storage;

/// <summary>Log events, kept apart from the document store: append-heavy, read by time ranges, deleted by age.</summary>
/// <remarks>Every method is safe to call concurrently; an append is durable when it returns. Groups and streams are the
/// document store's; this store only knows the names it was given events for.</remarks>
public interface ILogEventStore : IDisposable
{
    /// <summary>Stores a batch in one transaction, stamped with one ingestion time.</summary>
    ValueTask AppendAsync(LogStreamAddress stream, IReadOnlyList<NewLogEvent> events, long ingestionTime, CancellationToken ct);

    /// <summary>One page of one stream, in time order.</summary>
    ValueTask<IReadOnlyList<StoredLogEvent>> ReadStreamAsync(LogStreamAddress stream, StreamRead read, CancellationToken ct);

    /// <summary>The next events of a group across its streams, in time order.</summary>
    ValueTask<IReadOnlyList<StoredLogEvent>> ScanGroupAsync(string partition, string group, GroupScan scan, CancellationToken ct);

    /// <summary>The statistics of every stream of the group that ever had events, by stream name.</summary>
    ValueTask<IReadOnlyDictionary<string, LogStreamStats>> StreamStatsAsync(string partition, string group, CancellationToken ct);

    ValueTask DeleteStreamAsync(LogStreamAddress stream, CancellationToken ct);

    ValueTask DeleteGroupAsync(string partition, string group, CancellationToken ct);

    /// <summary>Deletes the group's events with timestamps before <paramref name="cutoff"/> (retention); returns how many.</summary>
    ValueTask<int> DeleteBeforeAsync(string partition, string group, long cutoff, CancellationToken ct);
}
