using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Logs;
using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Storage;
using Berth.Domain;

namespace Berth.ControlPlane.Logs.Tagging;

/// <summary>Tags of log groups, by ARN (TagResource, UntagResource, ListTagsForResource) and by name (the legacy
/// TagLogGroup, UntagLogGroup, ListTagsLogGroup).</summary>
public sealed class LogTagHandlers(LogsStore store, LogGroupResolver resolver)
{
    private const int MaxTags = 50;

    public ValueTask TagResource(RequestContext context, TagResourceRequest request, CancellationToken ct) =>
        ChangeAsync(context.Scope(), GroupOf(context.Scope(), request.ResourceArn!), tags => Merge(tags, request.Tags!), ct);

    public ValueTask UntagResource(RequestContext context, UntagResourceRequest request, CancellationToken ct) =>
        ChangeAsync(context.Scope(), GroupOf(context.Scope(), request.ResourceArn!), tags => Remove(tags, request.TagKeys!), ct);

    public async ValueTask<ListTagsForResourceResponse> ListTagsForResource(RequestContext context, ListTagsForResourceRequest request, CancellationToken ct) =>
        new() { Tags = await TagsAsync(context.Scope(), GroupOf(context.Scope(), request.ResourceArn!), ct).ConfigureAwait(false) };

    public ValueTask TagLogGroup(RequestContext context, TagLogGroupRequest request, CancellationToken ct) =>
        ChangeAsync(context.Scope(), request.LogGroupName!, tags => Merge(tags, request.Tags!), ct);

    public ValueTask UntagLogGroup(RequestContext context, UntagLogGroupRequest request, CancellationToken ct) =>
        ChangeAsync(context.Scope(), request.LogGroupName!, tags => Remove(tags, request.Tags!), ct);

    public async ValueTask<ListTagsLogGroupResponse> ListTagsLogGroup(RequestContext context, ListTagsLogGroupRequest request, CancellationToken ct) =>
        new() { Tags = await TagsAsync(context.Scope(), request.LogGroupName!, ct).ConfigureAwait(false) };

    /// <summary>Only log groups carry tags here; any other ARN is a resource Berth does not have.</summary>
    private static string GroupOf(ResourceScope scope, string arn) => LogArns.GroupName(scope, arn) ?? throw LogsErrors.GroupNotFound();

    private async ValueTask<Dictionary<string, string>> TagsAsync(ResourceScope scope, string group, CancellationToken ct) =>
        (await resolver.GroupAsync(scope, group, ct).ConfigureAwait(false)).Value.Tags;

    private static Dictionary<string, string> Merge(Dictionary<string, string> tags, Dictionary<string, string> added)
    {
        var merged = new Dictionary<string, string>(tags, StringComparer.Ordinal);
        foreach (var (key, value) in added)
        {
            merged[key] = value;
        }

        return merged.Count <= MaxTags ? merged : throw LogsErrors.TooManyTags(MaxTags);
    }

    private static Dictionary<string, string> Remove(Dictionary<string, string> tags, IEnumerable<string> keys)
    {
        var left = new Dictionary<string, string>(tags, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            left.Remove(key);
        }

        return left;
    }

    private async ValueTask ChangeAsync(ResourceScope scope, string group, Func<Dictionary<string, string>, Dictionary<string, string>> change, CancellationToken ct) =>
        await Optimistic.RetryAsync(async () =>
        {
            var current = await resolver.GroupAsync(scope, group, ct).ConfigureAwait(false);
            var updated = current.Value with { Tags = change(current.Value.Tags) };
            await store.Store.ApplyAsync([store.Groups.Put(scope.Partition, group, updated, current.Version)], ct).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
}
