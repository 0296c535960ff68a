using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Logs;
using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Logs.Storage;
using Berth.ControlPlane.Pagination;
using Berth.Domain;
using Berth.State;

namespace Berth.ControlPlane.Logs.Streams;

/// <summary>CreateLogStream, DeleteLogStream and DescribeLogStreams.</summary>
public sealed class LogStreamHandlers(LogsStore store, ILogEventStore events, LogGroupResolver resolver, TimeProvider time)
{
    private const int MaxDescribe = 50;

    public async ValueTask CreateLogStream(RequestContext context, CreateLogStreamRequest request, CancellationToken ct)
    {
        var scope = context.Scope();
        var group = request.LogGroupName!;
        await resolver.GroupAsync(scope, group, ct).ConfigureAwait(false);
        var stream = new StoredLogStream { Name = request.LogStreamName!, CreationTime = time.GetUtcNow().ToUnixTimeMilliseconds() };
        try
        {
            await store.Store.ApplyAsync([store.Streams.Put(scope.Partition, LogsStore.StreamKey(group, stream.Name), stream, expectedVersion: 0)], ct)
                .ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException)
        {
            throw LogsErrors.StreamExists();
        }
    }

    public async ValueTask DeleteLogStream(RequestContext context, DeleteLogStreamRequest request, CancellationToken ct)
    {
        var scope = context.Scope();
        var address = new LogStreamAddress(scope.Partition, request.LogGroupName!, request.LogStreamName!);
        await resolver.StreamAsync(scope, address.Group, address.Stream, ct).ConfigureAwait(false);
        await events.DeleteStreamAsync(address, ct).ConfigureAwait(false);
        await store.Store.ApplyAsync([store.Streams.Delete(scope.Partition, LogsStore.StreamKey(address.Group, address.Stream), expectedVersion: null)], ct)
            .ConfigureAwait(false);
    }

    public async ValueTask<DescribeLogStreamsResponse> DescribeLogStreams(RequestContext context, DescribeLogStreamsRequest request, CancellationToken ct)
    {
        var scope = context.Scope();
        var group = LogGroupResolver.NameOf(scope, request.LogGroupName, request.LogGroupIdentifier);
        var byLastEventTime = request.OrderBy == OrderBy.LastEventTime;
        if (byLastEventTime && request.LogStreamNamePrefix is not null)
        {
            throw LogsErrors.OrderByLastEventTimeWithPrefix();
        }

        await resolver.GroupAsync(scope, group, ct).ConfigureAwait(false);
        var after = NextToken.Decode(request.NextToken, LogsErrors.InvalidNextToken);
        var limit = request.Limit ?? MaxDescribe;
        var descending = request.Descending ?? false;
        var stats = await events.StreamStatsAsync(scope.Partition, group, ct).ConfigureAwait(false);
        var (streams, nextKey) = byLastEventTime
            ? await ByLastEventTimeAsync(scope, group, stats, after, limit, descending, ct).ConfigureAwait(false)
            : await ByNameAsync(scope, group, request.LogStreamNamePrefix, after, limit, descending, ct).ConfigureAwait(false);
        return new DescribeLogStreamsResponse
        {
            LogStreams = streams.Select(s => Describe(scope, group, s, stats.GetValueOrDefault(s.Name, LogStreamStats.Empty))).ToList(),
            NextToken = NextToken.Encode(nextKey),
        };
    }

    private async ValueTask<(IReadOnlyList<StoredLogStream> Streams, string? NextKey)> ByNameAsync(
        ResourceScope scope, string group, string? prefix, string? after, int limit, bool descending, CancellationToken ct)
    {
        var query = new ListQuery
        {
            KeyPrefix = LogsStore.StreamPrefix(group) + prefix,
            StartAfter = after,
            Limit = limit,
            Descending = descending,
        };
        var (page, nextKey) = await store.Streams.ListAsync(scope.Partition, query, ct).ConfigureAwait(false);
        return (page.Select(s => s.Value).ToArray(), nextKey);
    }

    /// <summary>Sorts the whole group by last event time (AWS allows no prefix here); the token is the sort key of the
    /// last stream returned, so a page boundary holds while streams are added.</summary>
    private async ValueTask<(IReadOnlyList<StoredLogStream> Streams, string? NextKey)> ByLastEventTimeAsync(
        ResourceScope scope, string group, IReadOnlyDictionary<string, LogStreamStats> stats, string? after, int limit, bool descending,
        CancellationToken ct)
    {
        var all = new List<(string Key, StoredLogStream Stream)>();
        await foreach (var stream in store.Streams.ScanAsync(scope.Partition, LogsStore.StreamPrefix(group), ct).ConfigureAwait(false))
        {
            var last = stats.GetValueOrDefault(stream.Value.Name)?.LastEventTimestamp ?? 0;
            all.Add(($"{last:D20}|{stream.Value.Name}", stream.Value));
        }

        var ordered = descending
            ? all.OrderByDescending(s => s.Key, StringComparer.Ordinal).Where(s => after is null || string.CompareOrdinal(s.Key, after) < 0)
            : all.OrderBy(s => s.Key, StringComparer.Ordinal).Where(s => after is null || string.CompareOrdinal(s.Key, after) > 0);
        var page = ordered.Take(limit + 1).ToList();
        var nextKey = page.Count > limit ? page[limit - 1].Key : null;
        return (page.Take(limit).Select(s => s.Stream).ToArray(), nextKey);
    }

    private static LogStream Describe(ResourceScope scope, string group, StoredLogStream stream, LogStreamStats stats) => new()
    {
        LogStreamName = stream.Name,
        CreationTime = stream.CreationTime,
        FirstEventTimestamp = stats.FirstEventTimestamp,
        LastEventTimestamp = stats.LastEventTimestamp,
        LastIngestionTime = stats.LastIngestionTime,
        Arn = LogArns.Stream(scope, group, stream.Name),
        StoredBytes = 0, // AWS no longer reports stored bytes per stream: always zero
    };
}
