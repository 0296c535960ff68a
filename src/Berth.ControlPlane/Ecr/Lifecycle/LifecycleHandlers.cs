using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Ecr;
using Berth.ControlPlane.Ecr.Images;
using Berth.ControlPlane.Ecr.Repositories;
using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Pagination;

namespace Berth.ControlPlane.Ecr.Lifecycle;

/// <summary>Put/Get/DeleteLifecyclePolicy and the lifecycle preview. A policy is validated before anything is stored; the
/// preview is evaluated at once, so GetLifecyclePolicyPreview always finds it COMPLETE.</summary>
public sealed class LifecycleHandlers(RepositoryResolver resolver, ImageCatalog catalog, LifecycleWakeup wakeup, TimeProvider time)
{
    private const int MaxPreviewResults = 100;

    public async ValueTask<PutLifecyclePolicyResponse> PutLifecyclePolicy(RequestContext context, PutLifecyclePolicyRequest request, CancellationToken cancellationToken)
    {
        var text = request.LifecyclePolicyText!;
        LifecyclePolicyParser.Parse(text);
        await resolver.UpdateAsync(context, request.RegistryId, request.RepositoryName!, r => r with { LifecyclePolicy = text, LifecycleEvaluatedAt = null }, cancellationToken)
            .ConfigureAwait(false);
        wakeup.Wake();
        return new PutLifecyclePolicyResponse { RegistryId = context.AccountId, RepositoryName = request.RepositoryName, LifecyclePolicyText = text };
    }

    public async ValueTask<GetLifecyclePolicyResponse> GetLifecyclePolicy(RequestContext context, GetLifecyclePolicyRequest request, CancellationToken cancellationToken)
    {
        var repository = (await resolver.RequireAsync(context, request.RegistryId, request.RepositoryName!, cancellationToken).ConfigureAwait(false)).Value;
        return new GetLifecyclePolicyResponse
        {
            RegistryId = context.AccountId,
            RepositoryName = request.RepositoryName,
            LifecyclePolicyText = repository.LifecyclePolicy ?? throw EcrErrors.LifecyclePolicyNotFound(context.Scope(), request.RepositoryName!),
            LastEvaluatedAt = repository.LifecycleEvaluatedAt,
        };
    }

    public async ValueTask<DeleteLifecyclePolicyResponse> DeleteLifecyclePolicy(
        RequestContext context, DeleteLifecyclePolicyRequest request, CancellationToken cancellationToken)
    {
        var name = request.RepositoryName!;
        var before = await resolver.UpdateAsync(context, request.RegistryId, name, r => r.LifecyclePolicy is null
            ? throw EcrErrors.LifecyclePolicyNotFound(context.Scope(), name)
            : r with { LifecyclePolicy = null, LifecycleEvaluatedAt = null }, cancellationToken).ConfigureAwait(false);
        return new DeleteLifecyclePolicyResponse
        {
            RegistryId = context.AccountId, RepositoryName = name, LifecyclePolicyText = before.LifecyclePolicy, LastEvaluatedAt = before.LifecycleEvaluatedAt,
        };
    }

    public async ValueTask<StartLifecyclePolicyPreviewResponse> StartLifecyclePolicyPreview(
        RequestContext context, StartLifecyclePolicyPreviewRequest request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        var name = request.RepositoryName!;
        var repository = (await resolver.RequireAsync(context, request.RegistryId, name, cancellationToken).ConfigureAwait(false)).Value;
        var text = request.LifecyclePolicyText ?? repository.LifecyclePolicy ?? throw EcrErrors.LifecyclePolicyNotFound(scope, name);
        var policy = LifecyclePolicyParser.Parse(text);
        var images = new List<StoredImage>();
        await foreach (var image in catalog.AllAsync(scope, name, cancellationToken).ConfigureAwait(false))
        {
            images.Add(image.Value);
        }

        var results = LifecycleEvaluator.Evaluate(images, policy, time.GetUtcNow())
            .Select(e => new StoredPreviewResult(e.Image.Digest, e.Image.Tags, e.Image.PushedAt, e.Rule.Priority))
            .OrderBy(r => r.Digest, StringComparer.Ordinal)
            .ToList();
        await resolver.UpdateAsync(context, request.RegistryId, name, r => r with { LifecyclePreview = new StoredLifecyclePreview(text, results) }, cancellationToken)
            .ConfigureAwait(false);
        return new StartLifecyclePolicyPreviewResponse
        {
            RegistryId = scope.AccountId, RepositoryName = name, LifecyclePolicyText = text, Status = LifecyclePolicyPreviewStatus.InProgress,
        };
    }

    public async ValueTask<GetLifecyclePolicyPreviewResponse> GetLifecyclePolicyPreview(
        RequestContext context, GetLifecyclePolicyPreviewRequest request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        var name = request.RepositoryName!;
        var repository = (await resolver.RequireAsync(context, request.RegistryId, name, cancellationToken).ConfigureAwait(false)).Value;
        var preview = repository.LifecyclePreview ?? throw EcrErrors.LifecyclePolicyPreviewNotFound(scope, name);
        var (page, next) = Page(preview.Results, request);
        return new GetLifecyclePolicyPreviewResponse
        {
            RegistryId = scope.AccountId,
            RepositoryName = name,
            LifecyclePolicyText = preview.PolicyText,
            Status = LifecyclePolicyPreviewStatus.Complete,
            PreviewResults = page.Select(Result).ToList(),
            NextToken = next,
            Summary = new LifecyclePolicyPreviewSummary { ExpiringImageTotalCount = preview.Results.Count },
        };
    }

    /// <summary>The results the request asks for: those of its imageIds, or a page (in digest order) through the tag filter.</summary>
    private static (List<StoredPreviewResult> Page, string? NextToken) Page(List<StoredPreviewResult> results, GetLifecyclePolicyPreviewRequest request)
    {
        if (request.ImageIds is { Count: > 0 } ids)
        {
            if (request.NextToken is not null || request.MaxResults is not null || request.Filter is not null)
            {
                throw EcrErrors.InvalidParameter("Invalid parameter: imageIds cannot be used with nextToken, maxResults or filter");
            }

            return (results.Where(r => ids.Any(id => Names(id, r))).ToList(), null);
        }

        var size = NextToken.PageSize(request.MaxResults, MaxPreviewResults, max => EcrErrors.InvalidParameter($"maxResults must be between 1 and {max}"));
        var after = NextToken.Decode(request.NextToken, EcrErrors.InvalidNextToken);
        var remaining = results
            .Where(r => after is null || string.CompareOrdinal(r.Digest, after) > 0)
            .Where(r => request.Filter?.TagStatus switch
            {
                TagStatus.Tagged => r.Tags.Count > 0,
                TagStatus.Untagged => r.Tags.Count == 0,
                _ => true,
            })
            .ToList();
        var page = remaining.Take(size).ToList();
        return (page, remaining.Count > size ? NextToken.Encode(page[^1].Digest) : null);
    }

    /// <summary>An image id names a result by its digest, its tag, or both (then both must agree).</summary>
    private static bool Names(ImageIdentifier id, StoredPreviewResult result) =>
        (id.ImageDigest is not null || id.ImageTag is not null)
        && (id.ImageDigest is null || id.ImageDigest == result.Digest)
        && (id.ImageTag is null || result.Tags.Contains(id.ImageTag));

    private static LifecyclePolicyPreviewResult Result(StoredPreviewResult result) => new()
    {
        ImageDigest = result.Digest,
        ImageTags = result.Tags.Count > 0 ? result.Tags : null,
        ImagePushedAt = result.PushedAt,
        Action = new LifecyclePolicyRuleAction { Type = ImageActionType.Expire },
        AppliedRulePriority = result.RulePriority,
        StorageClass = LifecyclePolicyStorageClass.Standard,
    };
}
