using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Ecr;
using Berth.ControlPlane.Ecs;
using Berth.Domain;

namespace Berth.ControlPlane.Ecr.Repositories;

/// <summary>TagResource, UntagResource and ListTagsForResource: repositories are ECR's only taggable resource.</summary>
public sealed class RepositoryTagHandlers(RepositoryResolver resolver)
{
    public async ValueTask<TagResourceResponse> TagResource(RequestContext context, TagResourceRequest request, CancellationToken cancellationToken)
    {
        var tags = EcrTagRules.Validate(request.Tags);
        await UpdateAsync(context, request.ResourceArn!, current => EcrTagRules.Merge(current, tags), cancellationToken).ConfigureAwait(false);
        return new TagResourceResponse();
    }

    public async ValueTask<UntagResourceResponse> UntagResource(RequestContext context, UntagResourceRequest request, CancellationToken cancellationToken)
    {
        var keys = request.TagKeys!.ToHashSet(StringComparer.Ordinal);
        await UpdateAsync(context, request.ResourceArn!, current => current.Where(t => !keys.Contains(t.Key!)).ToList(), cancellationToken)
            .ConfigureAwait(false);
        return new UntagResourceResponse();
    }

    public async ValueTask<ListTagsForResourceResponse> ListTagsForResource(
        RequestContext context, ListTagsForResourceRequest request, CancellationToken cancellationToken)
    {
        var repository = await resolver.RequireAsync(context, null, NameOf(context.Scope(), request.ResourceArn!), cancellationToken).ConfigureAwait(false);
        return new ListTagsForResourceResponse { Tags = repository.Value.Tags };
    }

    private async ValueTask UpdateAsync(RequestContext context, string resourceArn, Func<List<Tag>, List<Tag>> change, CancellationToken cancellationToken) =>
        await resolver.UpdateAsync(context, null, NameOf(context.Scope(), resourceArn), r => r with { Tags = change(r.Tags) }, cancellationToken)
            .ConfigureAwait(false);

    /// <summary>The repository name of a repository ARN of this account and region.</summary>
    private static string NameOf(ResourceScope scope, string resourceArn) =>
        Arn.TryParse(resourceArn, out var arn) && arn.Service == EcrArns.Service && arn.ResourceType == EcrArns.RepositoryType
            && arn.Account == scope.AccountId && arn.Region == scope.Region
            ? arn.ResourceId
            : throw EcrErrors.InvalidParameter($"Invalid parameter at 'resourceArn' failed to satisfy constraint: 'Invalid ARN {resourceArn}'");
}
