using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Logs;
using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Logs.Storage;

namespace Berth.ControlPlane.Logs.Events;

/// <summary>PutLogEvents and GetLogEvents: one stream's events in, one stream's events out.</summary>
public sealed class LogEventHandlers(ILogEventStore events, LogGroupResolver resolver, TimeProvider time)
{
    /// <summary>Sequence tokens are ignored, as AWS now ignores them; the stream must exist (AWS does not create it).</summary>
    public async ValueTask<PutLogEventsResponse> PutLogEvents(RequestContext context, PutLogEventsRequest request, CancellationToken ct)
    {
        var scope = context.Scope();
        var address = new LogStreamAddress(scope.Partition, request.LogGroupName!, request.LogStreamName!);
        var group = await resolver.GroupAsync(scope, address.Group, ct).ConfigureAwait(false);
        await resolver.StreamAsync(scope, address.Group, address.Stream, ct).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var batch = LogEventBatch.Check(request.LogEvents!, now, group.Value.RetentionInDays);
        await events.AppendAsync(address, batch.Accepted, now.ToUnixTimeMilliseconds(), ct).ConfigureAwait(false);
        return new PutLogEventsResponse { RejectedLogEventsInfo = batch.Rejected };
    }

    /// <summary>Without a token: the newest page (or the oldest with startFromHead). A token reads on from where the page it
    /// came with ended; at the end of the stream the same token comes back, which is how clients know to stop.</summary>
    public async ValueTask<GetLogEventsResponse> GetLogEvents(RequestContext context, GetLogEventsRequest request, CancellationToken ct)
    {
        var scope = context.Scope();
        var group = LogGroupResolver.NameOf(scope, request.LogGroupName, request.LogGroupIdentifier);
        var address = new LogStreamAddress(scope.Partition, group, request.LogStreamName!);
        await resolver.StreamAsync(scope, group, address.Stream, ct).ConfigureAwait(false);
        var startTime = request.StartTime ?? 0;
        var endTime = request.EndTime ?? long.MaxValue;
        var token = request.NextToken is { } text ? EventToken.Parse(text) : (EventToken?)null;
        var from = token ?? (request.StartFromHead == true
            ? new EventToken(true, EventPosition.Before(startTime))
            : new EventToken(false, EventPosition.Before(endTime)));
        var read = new StreamRead(from.Position, from.Forward, startTime, endTime, request.Limit ?? LogEventLimits.MaxPageEvents, LogEventLimits.MaxBatchBytes);
        var page = await events.ReadStreamAsync(address, read, ct).ConfigureAwait(false);

        // An empty first page means the range holds nothing yet: both tokens wait at its start for events to come.
        var (forwardFrom, backwardFrom) = page.Count > 0
            ? (page[^1].Position, page[0].Position)
            : token is { } given ? (given.Position, given.Position) : (EventPosition.Before(startTime), EventPosition.Before(startTime));
        return new GetLogEventsResponse
        {
            Events = page.Select(e => new OutputLogEvent { Timestamp = e.Timestamp, Message = e.Message, IngestionTime = e.IngestionTime }).ToList(),
            NextForwardToken = new EventToken(true, forwardFrom).ToString(),
            NextBackwardToken = new EventToken(false, backwardFrom).ToString(),
        };
    }
}
