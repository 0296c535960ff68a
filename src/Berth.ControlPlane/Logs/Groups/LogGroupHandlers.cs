using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Logs;
using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Logs.Storage;
using Berth.ControlPlane.Pagination;
using Berth.ControlPlane.Storage;
using Berth.Domain;
using Berth.State;

namespace Berth.ControlPlane.Logs.Groups;

/// <summary>CreateLogGroup, DeleteLogGroup, DescribeLogGroups and the retention policy of a group.</summary>
public sealed class LogGroupHandlers(LogsStore store, ILogEventStore events, LogGroupResolver resolver, TimeProvider time)
{
    private const int MaxDescribe = 50;

    public async ValueTask CreateLogGroup(RequestContext context, CreateLogGroupRequest request, CancellationToken ct)
    {
        var scope = context.Scope();
        var group = new StoredLogGroup
        {
            Name = request.LogGroupName!,
            CreationTime = time.GetUtcNow().ToUnixTimeMilliseconds(),
            LogGroupClass = request.LogGroupClass ?? "STANDARD",
            KmsKeyId = request.KmsKeyId,
            Tags = request.Tags ?? [],
        };
        try
        {
            await store.Store.ApplyAsync([store.Groups.Put(scope.Partition, group.Name, group, expectedVersion: 0)], ct).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException)
        {
            throw LogsErrors.GroupExists();
        }
    }

    /// <summary>Deletes the group's events first, then its documents, so a crash in between leaves no events without a group.</summary>
    public async ValueTask DeleteLogGroup(RequestContext context, DeleteLogGroupRequest request, CancellationToken ct)
    {
        var scope = context.Scope();
        var name = request.LogGroupName!;
        await resolver.GroupAsync(scope, name, ct).ConfigureAwait(false);
        await events.DeleteGroupAsync(scope.Partition, name, ct).ConfigureAwait(false);
        var ops = new List<WriteOp> { store.Groups.Delete(scope.Partition, name, expectedVersion: null) };
        await foreach (var stream in store.Streams.ScanAsync(scope.Partition, LogsStore.StreamPrefix(name), ct).ConfigureAwait(false))
        {
            ops.Add(store.Streams.Delete(scope.Partition, LogsStore.StreamKey(name, stream.Value.Name), expectedVersion: null));
        }

        await store.Store.ApplyAsync(ops, ct).ConfigureAwait(false);
    }

    public async ValueTask<DescribeLogGroupsResponse> DescribeLogGroups(RequestContext context, DescribeLogGroupsRequest request, CancellationToken ct)
    {
        if (request.LogGroupNamePrefix is not null && request.LogGroupNamePattern is not null)
        {
            throw LogsErrors.PrefixAndPattern();
        }

        var scope = context.Scope();
        var pattern = request.LogGroupNamePattern;
        var query = new ListQuery
        {
            KeyPrefix = request.LogGroupNamePrefix,
            StartAfter = NextToken.Decode(request.NextToken, LogsErrors.InvalidNextToken),
        };
        var (page, nextKey) = await store.Groups.PageAsync(
            scope.Partition,
            query,
            request.Limit ?? MaxDescribe,
            g => (pattern is null || g.Name.Contains(pattern, StringComparison.OrdinalIgnoreCase))
                && (request.LogGroupClass is null || g.LogGroupClass == request.LogGroupClass)
                && (request.LogGroupIdentifiers is null || request.LogGroupIdentifiers.Contains(g.Name)),
            ct).ConfigureAwait(false);
        var groups = new List<LogGroup>(page.Count);
        foreach (var group in page)
        {
            groups.Add(await DescribeAsync(scope, group.Value, ct).ConfigureAwait(false));
        }

        return new DescribeLogGroupsResponse { LogGroups = groups, NextToken = NextToken.Encode(nextKey) };
    }

    public ValueTask PutRetentionPolicy(RequestContext context, PutRetentionPolicyRequest request, CancellationToken ct) =>
        SetRetentionAsync(context.Scope(), request.LogGroupName!, RetentionDays.Check(request.RetentionInDays!.Value), ct);

    public ValueTask DeleteRetentionPolicy(RequestContext context, DeleteRetentionPolicyRequest request, CancellationToken ct) =>
        SetRetentionAsync(context.Scope(), request.LogGroupName!, null, ct);

    private async ValueTask SetRetentionAsync(ResourceScope scope, string name, int? days, CancellationToken ct) =>
        await Optimistic.RetryAsync(async () =>
        {
            var group = await resolver.GroupAsync(scope, name, ct).ConfigureAwait(false);
            await store.Store.ApplyAsync([store.Groups.Put(scope.Partition, name, group.Value with { RetentionInDays = days }, group.Version)], ct)
                .ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);

    private async ValueTask<LogGroup> DescribeAsync(ResourceScope scope, StoredLogGroup group, CancellationToken ct)
    {
        var stats = await events.StreamStatsAsync(scope.Partition, group.Name, ct).ConfigureAwait(false);
        return new LogGroup
        {
            LogGroupName = group.Name,
            CreationTime = group.CreationTime,
            RetentionInDays = group.RetentionInDays,
            MetricFilterCount = 0,
            Arn = LogArns.GroupWildcard(scope, group.Name),
            StoredBytes = stats.Values.Sum(s => s.StoredBytes),
            KmsKeyId = group.KmsKeyId,
            LogGroupClass = group.LogGroupClass,
            LogGroupArn = LogArns.Group(scope, group.Name),
        };
    }
}
