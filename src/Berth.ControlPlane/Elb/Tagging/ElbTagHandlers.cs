using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Elbv2;
using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Storage;
using Berth.Domain;
using Berth.State;

namespace Berth.ControlPlane.Elb.Tagging;

/// <summary>AddTags, RemoveTags and DescribeTags for load balancers, target groups, listeners and rules; a call naming
/// several resources changes all of them in one transaction or none.</summary>
public sealed class ElbTagHandlers(ElbResources resources)
{
    private ElbStore Store => resources.Store;

    public async ValueTask<AddTagsOutput> AddTags(RequestContext context, AddTagsInput request, CancellationToken cancellationToken)
    {
        await ChangeAsync(context.Scope(), request.ResourceArns, tags => ElbTags.Merge(tags, request.Tags), cancellationToken).ConfigureAwait(false);
        return new AddTagsOutput();
    }

    public async ValueTask<RemoveTagsOutput> RemoveTags(RequestContext context, RemoveTagsInput request, CancellationToken cancellationToken)
    {
        var keys = request.TagKeys ?? [];
        await ChangeAsync(
            context.Scope(),
            request.ResourceArns,
            tags => tags.Where(t => !keys.Contains(t.Key)).ToDictionary(StringComparer.Ordinal),
            cancellationToken).ConfigureAwait(false);
        return new RemoveTagsOutput();
    }

    public async ValueTask<DescribeTagsOutput> DescribeTags(RequestContext context, DescribeTagsInput request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        var descriptions = new List<TagDescription>();
        foreach (var arn in request.ResourceArns ?? [])
        {
            var resource = await FindAsync(scope, arn, cancellationToken).ConfigureAwait(false);
            descriptions.Add(new TagDescription { ResourceArn = arn, Tags = ElbTags.ToWire(resource.Tags) });
        }

        return new DescribeTagsOutput { TagDescriptions = descriptions };
    }

    private async ValueTask ChangeAsync(
        ResourceScope scope, List<string>? arns, Func<Dictionary<string, string>, Dictionary<string, string>> change, CancellationToken cancellationToken) =>
        await Optimistic.RetryAsync(async () =>
        {
            var ops = new List<WriteOp>();
            foreach (var arn in (arns ?? []).Distinct(StringComparer.Ordinal))
            {
                var resource = await FindAsync(scope, arn, cancellationToken).ConfigureAwait(false);
                ops.Add(resource.Save(change(resource.Tags)));
            }

            await Store.Store.ApplyAsync(ops, cancellationToken).ConfigureAwait(false);
            return ops.Count;
        }).ConfigureAwait(false);

    private async ValueTask<TaggedResource> FindAsync(ResourceScope scope, string arn, CancellationToken cancellationToken)
    {
        var type = Arn.TryParse(arn, out var parsed) ? parsed.ResourceType : string.Empty;
        var partition = scope.Partition;
        switch (type)
        {
            case "loadbalancer":
                var loadBalancer = await resources.LoadBalancerAsync(scope, arn, cancellationToken).ConfigureAwait(false);
                return new(loadBalancer.Value.Tags, tags => Store.LoadBalancers.Put(
                    partition, loadBalancer.Value.LoadBalancer.LoadBalancerName!, loadBalancer.Value with { Tags = tags }, loadBalancer.Version));
            case "targetgroup":
                var group = await resources.TargetGroupAsync(scope, arn, cancellationToken).ConfigureAwait(false);
                return new(group.Value.Tags, tags => Store.TargetGroups.Put(
                    partition, group.Value.TargetGroup.TargetGroupName!, group.Value with { Tags = tags }, group.Version));
            case "listener":
                var listener = await resources.ListenerAsync(scope, arn, cancellationToken).ConfigureAwait(false);
                return new(listener.Value.Tags, tags => Store.Listeners.Put(partition, ElbArns.KeyOfListener(arn), listener.Value with { Tags = tags }, listener.Version));
            case "listener-rule":
                var rule = await resources.RuleAsync(scope, arn, cancellationToken).ConfigureAwait(false);
                return new(rule.Value.Tags, tags => Store.Rules.Put(partition, ElbArns.KeyOfRule(arn), rule.Value with { Tags = tags }, rule.Version));
            default:
                throw ElbErrors.InvalidArn(arn, "resource");
        }
    }

    /// <summary>A resource's tags and how to write it back with others, at the version read.</summary>
    private sealed record TaggedResource(Dictionary<string, string> Tags, Func<Dictionary<string, string>, WriteOp> Save);
}
