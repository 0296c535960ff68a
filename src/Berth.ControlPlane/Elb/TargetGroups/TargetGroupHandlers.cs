using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Elbv2;
using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Elb.LoadBalancers;
using Berth.ControlPlane.Storage;
using Berth.Domain;
using Berth.State;

namespace Berth.ControlPlane.Elb.TargetGroups;

/// <summary>Create/Describe/Modify/DeleteTargetGroup and the target group attributes. Berth's groups are HTTP or HTTPS, of
/// target type instance or ip.</summary>
public sealed class TargetGroupHandlers(ElbResources resources, ElbIds ids)
{
    private ElbStore Store => resources.Store;

    /// <summary>Idempotent as on AWS: the same name with identical settings answers the existing group.</summary>
    public async ValueTask<CreateTargetGroupOutput> CreateTargetGroup(RequestContext context, CreateTargetGroupInput request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        var name = request.Name ?? string.Empty;
        ResourceNames.Check(name, "Target group");
        var targetType = request.TargetType ?? "instance";
        if (targetType is not ("instance" or "ip"))
        {
            throw ElbErrors.Validation($"Target type '{targetType}' is not supported; Berth's target groups are of type 'instance' or 'ip'");
        }

        var protocol = request.Protocol ?? throw ElbErrors.Validation("A protocol must be specified");
        if (protocol is not ("HTTP" or "HTTPS"))
        {
            throw ElbErrors.Validation($"Target group protocol '{protocol}' is not supported; Berth's target groups are HTTP or HTTPS");
        }

        var port = request.Port ?? throw ElbErrors.Validation("A port must be specified");
        var tags = ElbTags.FromRequest(request.Tags);
        var wanted = HealthCheckChange.Of(request).ApplyTo(HealthCheckChange.Defaults(new TargetGroup
        {
            TargetGroupArn = ElbArns.TargetGroup(scope, name, ids.NewId()),
            TargetGroupName = name,
            Protocol = protocol,
            Port = port,
            VpcId = request.VpcId ?? LoadBalancerHandlers.VpcId,
            TargetType = targetType,
            ProtocolVersion = request.ProtocolVersion ?? "HTTP1",
            IpAddressType = request.IpAddressType ?? "ipv4",
        }));
        return await Optimistic.RetryAsync(async () =>
        {
            if (await Store.TargetGroups.GetAsync(scope.Partition, name, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return existing.Value.TargetGroup with { TargetGroupArn = wanted.TargetGroupArn } == wanted
                    ? await OutputAsync(scope, existing.Value.TargetGroup, cancellationToken).ConfigureAwait(false)
                    : throw ElbErrors.DuplicateTargetGroupName(name);
            }

            var stored = new StoredTargetGroup { TargetGroup = wanted, Attributes = TargetGroupAttributes.Set.Defaults(), Tags = tags };
            await Store.Store.ApplyAsync([Store.TargetGroups.Put(scope.Partition, name, stored, 0)], cancellationToken).ConfigureAwait(false);
            return new CreateTargetGroupOutput { TargetGroups = [wanted with { LoadBalancerArns = [] }] };
        }).ConfigureAwait(false);
    }

    public async ValueTask<DescribeTargetGroupsOutput> DescribeTargetGroups(RequestContext context, DescribeTargetGroupsInput request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        var usage = await TargetGroupUsage.ReadAsync(Store, scope, cancellationToken).ConfigureAwait(false);
        if (request.LoadBalancerArn is { } loadBalancerArn)
        {
            await resources.LoadBalancerAsync(scope, loadBalancerArn, cancellationToken).ConfigureAwait(false);
            var groups = new List<TargetGroup>();
            await foreach (var group in Store.TargetGroups.ScanAsync(scope.Partition, null, cancellationToken).ConfigureAwait(false))
            {
                if (usage.LoadBalancersOf(group.Value.TargetGroup.TargetGroupArn!).Contains(loadBalancerArn))
                {
                    groups.Add(WithUsage(group.Value.TargetGroup, usage));
                }
            }

            return new DescribeTargetGroupsOutput { TargetGroups = groups };
        }

        if (request.TargetGroupArns is { Count: > 0 } arns)
        {
            return new DescribeTargetGroupsOutput
            {
                TargetGroups = await ElbResources.EachAsync(arns, async arn =>
                    WithUsage((await resources.TargetGroupAsync(scope, arn, cancellationToken).ConfigureAwait(false)).Value.TargetGroup, usage)).ConfigureAwait(false),
            };
        }

        if (request.Names is { Count: > 0 } names)
        {
            return new DescribeTargetGroupsOutput
            {
                TargetGroups = await ElbResources.EachAsync(names, async name => WithUsage(
                    (await Store.TargetGroups.GetAsync(scope.Partition, name, cancellationToken).ConfigureAwait(false)
                        ?? throw ElbErrors.TargetGroupNotFound()).Value.TargetGroup,
                    usage)).ConfigureAwait(false),
            };
        }

        var query = new ListQuery { StartAfter = ElbPaging.After(request.Marker), Limit = ElbPaging.PageSize(request.PageSize) };
        var (items, nextKey) = await Store.TargetGroups.ListAsync(scope.Partition, query, cancellationToken).ConfigureAwait(false);
        return new DescribeTargetGroupsOutput
        {
            TargetGroups = [.. items.Select(i => WithUsage(i.Value.TargetGroup, usage))],
            NextMarker = ElbPaging.Marker(nextKey),
        };
    }

    public async ValueTask<ModifyTargetGroupOutput> ModifyTargetGroup(RequestContext context, ModifyTargetGroupInput request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        var change = HealthCheckChange.Of(request);
        return await Optimistic.RetryAsync(async () =>
        {
            var found = await resources.TargetGroupAsync(scope, request.TargetGroupArn!, cancellationToken).ConfigureAwait(false);
            var stored = found.Value with { TargetGroup = change.ApplyTo(found.Value.TargetGroup) };
            await Store.Store.ApplyAsync([Store.TargetGroups.Put(scope.Partition, stored.TargetGroup.TargetGroupName!, stored, found.Version)], cancellationToken)
                .ConfigureAwait(false);
            var output = await OutputAsync(scope, stored.TargetGroup, cancellationToken).ConfigureAwait(false);
            return new ModifyTargetGroupOutput { TargetGroups = output.TargetGroups };
        }).ConfigureAwait(false);
    }

    /// <summary>Deletes the group and its registrations; refused while a listener or rule forwards to it.</summary>
    public async ValueTask<DeleteTargetGroupOutput> DeleteTargetGroup(RequestContext context, DeleteTargetGroupInput request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        await Optimistic.RetryAsync(async () =>
        {
            var found = await resources.TargetGroupAsync(scope, request.TargetGroupArn!, cancellationToken).ConfigureAwait(false);
            var usage = await TargetGroupUsage.ReadAsync(Store, scope, cancellationToken).ConfigureAwait(false);
            if (usage.InUse(request.TargetGroupArn!))
            {
                throw ElbErrors.TargetGroupInUse(request.TargetGroupArn!);
            }

            var name = found.Value.TargetGroup.TargetGroupName!;
            var ops = new List<WriteOp> { Store.TargetGroups.Delete(scope.Partition, name, found.Version) };
            await foreach (var target in Store.Targets.ScanAsync(scope.Partition, ElbStore.TargetPrefix(name), cancellationToken).ConfigureAwait(false))
            {
                ops.Add(Store.Targets.Delete(scope.Partition, ElbStore.TargetKey(name, target.Value.Id, target.Value.Port), target.Version));
            }

            await Store.Store.ApplyAsync(ops, cancellationToken).ConfigureAwait(false);
            return ops.Count;
        }).ConfigureAwait(false);
        return new DeleteTargetGroupOutput();
    }

    public async ValueTask<DescribeTargetGroupAttributesOutput> DescribeTargetGroupAttributes(
        RequestContext context, DescribeTargetGroupAttributesInput request, CancellationToken cancellationToken)
    {
        var found = await resources.TargetGroupAsync(context.Scope(), request.TargetGroupArn!, cancellationToken).ConfigureAwait(false);
        return new DescribeTargetGroupAttributesOutput { Attributes = ToWire(found.Value.Attributes) };
    }

    public async ValueTask<ModifyTargetGroupAttributesOutput> ModifyTargetGroupAttributes(
        RequestContext context, ModifyTargetGroupAttributesInput request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        return await Optimistic.RetryAsync(async () =>
        {
            var found = await resources.TargetGroupAsync(scope, request.TargetGroupArn!, cancellationToken).ConfigureAwait(false);
            var attributes = TargetGroupAttributes.Set.Apply(found.Value.Attributes, (request.Attributes ?? []).Select(a => (a.Key, a.Value)));
            var stored = found.Value with { Attributes = attributes };
            await Store.Store.ApplyAsync([Store.TargetGroups.Put(scope.Partition, stored.TargetGroup.TargetGroupName!, stored, found.Version)], cancellationToken)
                .ConfigureAwait(false);
            return new ModifyTargetGroupAttributesOutput { Attributes = ToWire(attributes) };
        }).ConfigureAwait(false);
    }

    private async ValueTask<CreateTargetGroupOutput> OutputAsync(ResourceScope scope, TargetGroup group, CancellationToken cancellationToken)
    {
        var usage = await TargetGroupUsage.ReadAsync(Store, scope, cancellationToken).ConfigureAwait(false);
        return new CreateTargetGroupOutput { TargetGroups = [WithUsage(group, usage)] };
    }

    private static TargetGroup WithUsage(TargetGroup group, TargetGroupUsage usage) =>
        group with { LoadBalancerArns = usage.LoadBalancersOf(group.TargetGroupArn!) };

    private static List<TargetGroupAttribute> ToWire(Dictionary<string, string> attributes) =>
        [.. attributes.Select(a => new TargetGroupAttribute { Key = a.Key, Value = a.Value })];
}
