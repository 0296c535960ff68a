using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Clusters;
using Berth.ControlPlane.Ecs.ContainerInstances;
using Berth.ControlPlane.Pagination;
using Berth.ControlPlane.Storage;
using Berth.Domain;
using Berth.State;
using Attribute = Berth.Aws.Generated.Ecs.Attribute;

namespace Berth.ControlPlane.Ecs.Attributes;

/// <summary>PutAttributes, DeleteAttributes and ListAttributes on container instances. A call's changes are applied in
/// one transaction: when any target is missing or would pass the limit, nothing is written.</summary>
public sealed class AttributeHandlers(EcsStore store, ClusterResolver clusters, ContainerInstanceResolver instances)
{
    private const int MaxPageSize = 100;

    /// <summary>Creates custom attributes or replaces their values; answers with the attributes as given.</summary>
    public async ValueTask<PutAttributesResponse> PutAttributes(RequestContext context, PutAttributesRequest request, CancellationToken cancellationToken)
    {
        var attributes = request.Attributes!;
        if (attributes.Count > AttributeRules.MaxAttributesPerCall)
        {
            throw AttributeErrors.TooManyInRequest();
        }

        await ChangeAsync(context, request.Cluster, attributes, AttributeRules.Merge, cancellationToken).ConfigureAwait(false);
        return new PutAttributesResponse { Attributes = attributes };
    }

    /// <summary>Removes custom attributes by name (values are ignored); names an instance does not have are no error.</summary>
    public async ValueTask<DeleteAttributesResponse> DeleteAttributes(
        RequestContext context, DeleteAttributesRequest request, CancellationToken cancellationToken)
    {
        var attributes = request.Attributes!;
        if (attributes.Count > AttributeRules.MaxAttributesPerCall)
        {
            throw AttributeErrors.TooManyToDelete();
        }

        await ChangeAsync(
            context, request.Cluster, attributes,
            (current, removed) => AttributeRules.Remove(current, removed.Select(a => a.Name!).ToHashSet(StringComparer.Ordinal)),
            cancellationToken).ConfigureAwait(false);
        return new DeleteAttributesResponse { Attributes = attributes };
    }

    /// <summary>Every attribute (built-in and custom) of the cluster's registered instances, optionally only those with a
    /// name, or a name and value.</summary>
    public async ValueTask<ListAttributesResponse> ListAttributes(RequestContext context, ListAttributesRequest request, CancellationToken cancellationToken)
    {
        if (request.AttributeValue is not null && request.AttributeName is null)
        {
            throw AttributeErrors.ValueWithoutName();
        }

        var pageSize = NextToken.PageSize(request.MaxResults, MaxPageSize, EcsErrors.MaxResults);
        var after = NextToken.Decode(request.NextToken, EcsErrors.InvalidNextToken);
        if (after is not null && !AttributeListing.IsPosition(after))
        {
            throw EcsErrors.InvalidNextToken();
        }

        var scope = context.Scope();
        var cluster = await clusters.ActiveNameAsync(scope, request.Cluster, cancellationToken).ConfigureAwait(false);
        var registered = new List<(string, ContainerInstance)>();
        await foreach (var instance in store.ContainerInstances.ScanAsync(scope.Partition, EcsStore.ContainerInstancePrefix(cluster), cancellationToken)
            .ConfigureAwait(false))
        {
            if (InstanceStatus.IsRegistered(instance.Value.Status))
            {
                registered.Add((ContainerInstanceResolver.KeyOf(instance.Value), instance.Value));
            }
        }

        var (page, next) = AttributeListing.Page(registered, request.AttributeName, request.AttributeValue, after, pageSize);
        return new ListAttributesResponse { Attributes = page, NextToken = NextToken.Encode(next) };
    }

    private async ValueTask ChangeAsync(
        RequestContext context,
        string? clusterIdentifier,
        List<Attribute> attributes,
        Func<List<Attribute>?, List<Attribute>, List<Attribute>> change,
        CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        var byTarget = GroupByTarget(scope, attributes);
        await Optimistic.RetryAsync(async () =>
        {
            var cluster = await clusters.ActiveNameAsync(scope, clusterIdentifier, cancellationToken).ConfigureAwait(false);
            var writes = new List<WriteOp>();
            foreach (var (target, changes) in byTarget)
            {
                var current = await instances.FindAsync(scope, cluster, target.Reference, cancellationToken).ConfigureAwait(false);
                if (current is null || !InstanceStatus.IsRegistered(current.Value.Status))
                {
                    throw AttributeErrors.TargetNotFound(target.TargetId);
                }

                var attributes = change(current.Value.Attributes, changes);
                if (!attributes.SequenceEqual(current.Value.Attributes ?? []))
                {
                    writes.Add(instances.Write(scope, InstanceVersion.Bump(current.Value with { Attributes = attributes }), current.Version));
                }
            }

            return writes.Count == 0 ? [] : await store.Store.ApplyAsync(writes, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>Checks every attribute and groups them by the instance they target (by id, so an ARN and an id of the same
    /// instance meet); a name twice for one instance is refused.</summary>
    private static List<(AttributeTarget Target, List<Attribute> Changes)> GroupByTarget(ResourceScope scope, List<Attribute> attributes)
    {
        var groups = new Dictionary<string, (AttributeTarget Target, List<Attribute> Changes)>(StringComparer.Ordinal);
        foreach (var attribute in attributes)
        {
            var checkedAttribute = AttributeRules.Validate(attribute);
            AttributeRules.EnsureCustom(checkedAttribute.Name!);
            var reference = AttributeTargets.Resolve(scope, attribute);
            if (!groups.TryGetValue(reference.Id, out var group))
            {
                group = (new AttributeTarget(reference, attribute.TargetId!), []);
                groups.Add(reference.Id, group);
            }

            if (group.Changes.Any(c => c.Name == checkedAttribute.Name))
            {
                throw AttributeErrors.Duplicate(checkedAttribute.Name!);
            }

            group.Changes.Add(checkedAttribute);
        }

        return groups.Values.ToList();
    }
}
