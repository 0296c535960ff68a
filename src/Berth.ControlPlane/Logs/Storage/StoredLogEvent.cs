namespace Berth.ControlPlane.Logs.Storage;

/// <summary>An event as stored: its sequence (unique, increasing in ingestion order) orders events of equal timestamp.</summary>
public sealed record StoredLogEvent(long Sequence, string Stream, long Timestamp, long IngestionTime, string Message)
{
    public EventPosition Position => new(Timestamp, Sequence);
}
