using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Ecs;
using Berth.Domain;

namespace Berth.ControlPlane.Ecs.Tagging;

/// <summary>TagResource, UntagResource and ListTagsForResource over every resource type that has an <see cref="ITagTarget"/>.</summary>
public sealed class TagHandlers(IEnumerable<ITagTarget> targets)
{
    private readonly Dictionary<string, ITagTarget> targetsByType = targets.ToDictionary(t => t.ResourceType, StringComparer.Ordinal);

    public async ValueTask<TagResourceResponse> TagResource(RequestContext context, TagResourceRequest request, CancellationToken cancellationToken)
    {
        var (target, arn) = Resolve(context, request.ResourceArn!);
        var tags = TagRules.Validate(request.Tags);
        await target.UpdateTagsAsync(context.Scope(), arn, current => TagRules.Merge(current, tags), cancellationToken).ConfigureAwait(false);
        return new TagResourceResponse();
    }

    public async ValueTask<UntagResourceResponse> UntagResource(RequestContext context, UntagResourceRequest request, CancellationToken cancellationToken)
    {
        var (target, arn) = Resolve(context, request.ResourceArn!);
        var keys = request.TagKeys!.ToHashSet(StringComparer.Ordinal);
        await target.UpdateTagsAsync(context.Scope(), arn, current => TagRules.Remove(current, keys), cancellationToken).ConfigureAwait(false);
        return new UntagResourceResponse();
    }

    public async ValueTask<ListTagsForResourceResponse> ListTagsForResource(
        RequestContext context, ListTagsForResourceRequest request, CancellationToken cancellationToken)
    {
        var (target, arn) = Resolve(context, request.ResourceArn!);
        return new ListTagsForResourceResponse { Tags = await target.GetTagsAsync(context.Scope(), arn, cancellationToken).ConfigureAwait(false) };
    }

    private (ITagTarget Target, Arn Arn) Resolve(RequestContext context, string resourceArn)
    {
        if (!Arn.TryParse(resourceArn, out var arn) || arn.Service != EcsArns.Service)
        {
            throw EcsErrors.InvalidParameter($"Invalid ARN: '{resourceArn}' is not an Amazon ECS resource ARN.");
        }

        if (arn.Account != context.AccountId || arn.Region != context.Region)
        {
            throw EcsErrors.InvalidParameter($"The resource '{resourceArn}' is not in this account and region.");
        }

        return targetsByType.TryGetValue(arn.ResourceType, out var target)
            ? (target, arn)
            : throw EcsErrors.InvalidParameter($"Resources of type '{arn.ResourceType}' cannot be tagged.");
    }
}
