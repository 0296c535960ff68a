using System.Globalization;
using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Logs;
using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Logs.Filtering;
using Berth.ControlPlane.Logs.Storage;
using Berth.ControlPlane.Pagination;

namespace Berth.ControlPlane.Logs.Events;

/// <summary>FilterLogEvents: a group's events in time order across its streams, those the filter pattern matches.</summary>
/// <remarks>Like AWS, a page stops after a bounded amount of work even when it found few matches, and answers a nextToken
/// to go on from there, so a rare pattern over a large group still answers quickly (the client pages on).</remarks>
public sealed class FilterLogEventsHandler(ILogEventStore events, LogGroupResolver resolver)
{
    /// <summary>Events read (matched or not) before a page answers.</summary>
    public const int ScanBudget = 50_000;

    private const int ChunkRows = 5_000;

    public async ValueTask<FilterLogEventsResponse> FilterLogEvents(RequestContext context, FilterLogEventsRequest request, CancellationToken ct)
    {
        var scope = context.Scope();
        var group = LogGroupResolver.NameOf(scope, request.LogGroupName, request.LogGroupIdentifier);
        if (request.LogStreamNames is not null && request.LogStreamNamePrefix is not null)
        {
            throw LogsErrors.StreamNamesAndPrefix();
        }

        var pattern = ParsePattern(request.FilterPattern);
        await resolver.GroupAsync(scope, group, ct).ConfigureAwait(false);
        var limit = request.Limit ?? LogEventLimits.MaxPageEvents;
        var selection = request.LogStreamNames is null && request.LogStreamNamePrefix is null
            ? null
            : new StreamSelection(request.LogStreamNames, request.LogStreamNamePrefix);
        var position = DecodePosition(request.NextToken) ?? EventPosition.Before(request.StartTime ?? 0);
        var matches = new List<FilteredLogEvent>();
        for (var scanned = 0; scanned < ScanBudget;)
        {
            var scan = new GroupScan(position, request.StartTime ?? 0, request.EndTime ?? long.MaxValue, selection, Math.Min(ChunkRows, ScanBudget - scanned));
            var chunk = await events.ScanGroupAsync(scope.Partition, group, scan, ct).ConfigureAwait(false);
            foreach (var e in chunk)
            {
                position = e.Position;
                if (pattern.Matches(e.Message))
                {
                    matches.Add(Filtered(e));
                    if (matches.Count == limit)
                    {
                        return Page(matches, position);
                    }
                }
            }

            if (chunk.Count < scan.MaxRows)
            {
                return Page(matches, null);
            }

            scanned += chunk.Count;
        }

        return Page(matches, position);
    }

    private static FilterPattern ParsePattern(string? text)
    {
        try
        {
            return FilterPattern.Parse(text);
        }
        catch (FilterPatternException e)
        {
            throw LogsErrors.FilterPattern(e.Message);
        }
    }

    private static FilterLogEventsResponse Page(List<FilteredLogEvent> matches, EventPosition? continueAfter) => new()
    {
        Events = matches,
        SearchedLogStreams = [], // deprecated by AWS: always empty
        NextToken = NextToken.Encode(continueAfter is { } p ? string.Create(CultureInfo.InvariantCulture, $"{p.Timestamp}/{p.Sequence}") : null),
    };

    private static EventPosition? DecodePosition(string? token)
    {
        if (NextToken.Decode(token, LogsErrors.InvalidNextToken) is not { } key)
        {
            return null;
        }

        return key.Split('/') is [var ts, var seq]
            && long.TryParse(ts, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            && long.TryParse(seq, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? new EventPosition(timestamp, sequence)
            : throw LogsErrors.InvalidNextToken();
    }

    private static FilteredLogEvent Filtered(StoredLogEvent e) => new()
    {
        LogStreamName = e.Stream,
        Timestamp = e.Timestamp,
        Message = e.Message,
        IngestionTime = e.IngestionTime,
        EventId = e.Sequence.ToString(CultureInfo.InvariantCulture),
    };
}
