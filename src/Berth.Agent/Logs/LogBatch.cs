namespace Berth.Agent.Logs;

/// <summary>Events bound for one PutLogEvents call, within its limits: at most <see cref="MaxEvents"/> events and
/// <see cref="MaxBytes"/> bytes counting 26 per event.</summary>
public sealed class LogBatch
{
    public const int MaxEvents = 10_000;
    public const int MaxBytes = 1_048_576;
    public const int EventOverhead = 26;

    private readonly List<LogEvent> _events = [];

    public IReadOnlyList<LogEvent> Events => _events;

    public int Bytes { get; private set; }

    public bool IsEmpty => _events.Count == 0;

    /// <summary>Where the log stands once this batch is accepted.</summary>
    public LogCursor? End => _events.Count == 0 ? null : _events[^1].End;

    /// <summary>Whether <paramref name="logEvent"/> still fits; if not, nothing was added and the batch must be sent first.</summary>
    public bool TryAdd(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        var size = logEvent.Size;
        if (_events.Count >= MaxEvents || (_events.Count > 0 && Bytes + size > MaxBytes))
        {
            return false;
        }

        _events.Add(logEvent);
        Bytes += size;
        return true;
    }

    /// <summary>Whether no further event can join (the count limit is reached).</summary>
    public bool IsFull => _events.Count >= MaxEvents;
}
