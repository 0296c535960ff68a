using System.Text;
using Berth.Aws.Generated.Logs;
using Berth.ControlPlane.Logs.Storage;

namespace Berth.ControlPlane.Logs.Events;

/// <summary>PutLogEvents' batch rules: a batch that breaks one is refused whole; events too new, too old or past the
/// group's retention are left out and reported in rejectedLogEventsInfo, the rest are accepted.</summary>
public sealed record LogEventBatch(IReadOnlyList<NewLogEvent> Accepted, RejectedLogEventsInfo? Rejected)
{
    /// <param name="events">As received, at most <see cref="LogEventLimits.MaxBatchEvents"/> (the model checks that).</param>
    /// <param name="retentionInDays">The group's retention, or null for never expire.</param>
    public static LogEventBatch Check(IReadOnlyList<InputLogEvent> events, DateTimeOffset now, int? retentionInDays)
    {
        long bytes = 0;
        for (var i = 0; i < events.Count; i++)
        {
            bytes += Encoding.UTF8.GetByteCount(events[i].Message!) + LogEventLimits.EventOverheadBytes;
            if (i > 0 && events[i].Timestamp < events[i - 1].Timestamp)
            {
                throw LogsErrors.NotChronological();
            }
        }

        if (bytes > LogEventLimits.MaxBatchBytes)
        {
            throw LogsErrors.BatchTooLarge(bytes, LogEventLimits.MaxBatchBytes);
        }

        if (events[^1].Timestamp!.Value - events[0].Timestamp!.Value > (long)LogEventLimits.MaxBatchSpan.TotalMilliseconds)
        {
            throw LogsErrors.SpansMoreThanADay();
        }

        var tooNewFrom = (now + LogEventLimits.MaxFuture).ToUnixTimeMilliseconds();
        var tooOldBefore = (now - LogEventLimits.MaxAge).ToUnixTimeMilliseconds();
        long? expiredBefore = retentionInDays is { } days ? (now - TimeSpan.FromDays(days)).ToUnixTimeMilliseconds() : null;

        // The batch is in time order, so the refused events are a run at each end.
        var tooOldEnd = LastIndexBefore(events, tooOldBefore);
        var expiredEnd = expiredBefore is { } cutoff ? LastIndexBefore(events, cutoff) : -1;
        var tooNewStart = events.Count;
        while (tooNewStart > 0 && events[tooNewStart - 1].Timestamp > tooNewFrom)
        {
            tooNewStart--;
        }

        var firstAccepted = Math.Max(tooOldEnd, expiredEnd) + 1;
        var accepted = new List<NewLogEvent>(Math.Max(0, tooNewStart - firstAccepted));
        for (var i = firstAccepted; i < tooNewStart; i++)
        {
            accepted.Add(new NewLogEvent(events[i].Timestamp!.Value, events[i].Message!));
        }

        var rejected = tooOldEnd < 0 && expiredEnd < 0 && tooNewStart == events.Count
            ? null
            : new RejectedLogEventsInfo
            {
                TooOldLogEventEndIndex = tooOldEnd < 0 ? null : tooOldEnd,
                ExpiredLogEventEndIndex = expiredEnd < 0 ? null : expiredEnd,
                TooNewLogEventStartIndex = tooNewStart == events.Count ? null : tooNewStart,
            };
        return new LogEventBatch(accepted, rejected);
    }

    private static int LastIndexBefore(IReadOnlyList<InputLogEvent> events, long cutoff)
    {
        var last = -1;
        while (last + 1 < events.Count && events[last + 1].Timestamp < cutoff)
        {
            last++;
        }

        return last;
    }
}
