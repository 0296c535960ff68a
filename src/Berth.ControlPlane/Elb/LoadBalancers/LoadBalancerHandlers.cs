using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Elbv2;
using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Storage;
using Berth.Domain;
using Berth.State;

namespace Berth.ControlPlane.Elb.LoadBalancers;

/// <summary>CreateLoadBalancer, DescribeLoadBalancers, DeleteLoadBalancer and the load balancer attributes. Berth serves
/// application load balancers only; subnets and security groups are accepted and echoed (every listener is on this machine).</summary>
public sealed class LoadBalancerHandlers(ElbResources resources, ElbIds ids, TimeProvider time)
{
    /// <summary>The hosted zone of us-east-1's application load balancers; Berth's DNS names resolve through *.localhost instead.</summary>
    public const string CanonicalHostedZoneId = "Z35SXDOTRQ7X7K";

    public const string VpcId = "vpc-berth";

    private ElbStore Store => resources.Store;

    /// <summary>Idempotent as on AWS: the same name with the same settings answers the existing load balancer.</summary>
    public async ValueTask<CreateLoadBalancerOutput> CreateLoadBalancer(RequestContext context, CreateLoadBalancerInput request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        var name = request.Name ?? string.Empty;
        ResourceNames.Check(name, "Load balancer");
        if (name.StartsWith("internal-", StringComparison.OrdinalIgnoreCase))
        {
            throw ElbErrors.Validation($"Load balancer name '{name}' cannot begin with 'internal-'");
        }

        if (request.Type is { } type && type != "application")
        {
            throw ElbErrors.Validation($"Load balancer type '{type}' is not supported; Berth serves application load balancers");
        }

        var tags = ElbTags.FromRequest(request.Tags);
        var wanted = New(scope, name, ids.NewId(), request);
        return await Optimistic.RetryAsync(async () =>
        {
            if (await Store.LoadBalancers.GetAsync(scope.Partition, name, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return SameSettings(existing.Value.LoadBalancer, wanted)
                    ? new CreateLoadBalancerOutput { LoadBalancers = [existing.Value.LoadBalancer] }
                    : throw ElbErrors.DuplicateLoadBalancerName(name);
            }

            var stored = new StoredLoadBalancer { LoadBalancer = wanted, Attributes = LoadBalancerAttributes.Set.Defaults(), Tags = tags };
            await Store.Store.ApplyAsync([Store.LoadBalancers.Put(scope.Partition, name, stored, 0)], cancellationToken).ConfigureAwait(false);
            return new CreateLoadBalancerOutput { LoadBalancers = [wanted] };
        }).ConfigureAwait(false);
    }

    public async ValueTask<DescribeLoadBalancersOutput> DescribeLoadBalancers(RequestContext context, DescribeLoadBalancersInput request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        if (request.LoadBalancerArns is { Count: > 0 } arns)
        {
            var named = await resources.EachAsync(scope, arns, resources.LoadBalancerAsync, l => l.LoadBalancer, cancellationToken).ConfigureAwait(false);
            return new DescribeLoadBalancersOutput { LoadBalancers = named };
        }

        if (request.Names is { Count: > 0 } names)
        {
            return new DescribeLoadBalancersOutput
            {
                LoadBalancers = await ElbResources.EachAsync(names, async name =>
                    (await Store.LoadBalancers.GetAsync(scope.Partition, name, cancellationToken).ConfigureAwait(false)
                        ?? throw ElbErrors.LoadBalancerNotFound()).Value.LoadBalancer).ConfigureAwait(false),
            };
        }

        var query = new ListQuery { StartAfter = ElbPaging.After(request.Marker), Limit = ElbPaging.PageSize(request.PageSize) };
        var (items, nextKey) = await Store.LoadBalancers.ListAsync(scope.Partition, query, cancellationToken).ConfigureAwait(false);
        return new DescribeLoadBalancersOutput { LoadBalancers = [.. items.Select(i => i.Value.LoadBalancer)], NextMarker = ElbPaging.Marker(nextKey) };
    }

    /// <summary>Deletes the load balancer with its listeners and rules in one transaction; a missing one succeeds, as on AWS.</summary>
    public async ValueTask<DeleteLoadBalancerOutput> DeleteLoadBalancer(RequestContext context, DeleteLoadBalancerInput request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        await Optimistic.RetryAsync(async () =>
        {
            if (await resources.FindLoadBalancerAsync(scope, request.LoadBalancerArn!, cancellationToken).ConfigureAwait(false) is not { } found)
            {
                return 0;
            }

            if (found.Value.Attributes.GetValueOrDefault(LoadBalancerAttributes.DeletionProtection) == "true")
            {
                throw ElbErrors.DeletionProtected(request.LoadBalancerArn!);
            }

            var prefix = ElbStore.ChildPrefix(ElbArns.KeyOfLoadBalancer(request.LoadBalancerArn!));
            var ops = new List<WriteOp> { Store.LoadBalancers.Delete(scope.Partition, found.Value.LoadBalancer.LoadBalancerName!, found.Version) };
            await foreach (var listener in Store.Listeners.ScanAsync(scope.Partition, prefix, cancellationToken).ConfigureAwait(false))
            {
                ops.Add(Store.Listeners.Delete(scope.Partition, ElbArns.KeyOfListener(listener.Value.Listener.ListenerArn!), listener.Version));
            }

            await foreach (var rule in Store.Rules.ScanAsync(scope.Partition, prefix, cancellationToken).ConfigureAwait(false))
            {
                ops.Add(Store.Rules.Delete(scope.Partition, ElbArns.KeyOfRule(rule.Value.Rule.RuleArn!), rule.Version));
            }

            await Store.Store.ApplyAsync(ops, cancellationToken).ConfigureAwait(false);
            return ops.Count;
        }).ConfigureAwait(false);
        return new DeleteLoadBalancerOutput();
    }

    public async ValueTask<DescribeLoadBalancerAttributesOutput> DescribeLoadBalancerAttributes(
        RequestContext context, DescribeLoadBalancerAttributesInput request, CancellationToken cancellationToken)
    {
        var found = await resources.LoadBalancerAsync(context.Scope(), request.LoadBalancerArn!, cancellationToken).ConfigureAwait(false);
        return new DescribeLoadBalancerAttributesOutput { Attributes = ToWire(found.Value.Attributes) };
    }

    public async ValueTask<ModifyLoadBalancerAttributesOutput> ModifyLoadBalancerAttributes(
        RequestContext context, ModifyLoadBalancerAttributesInput request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        return await Optimistic.RetryAsync(async () =>
        {
            var found = await resources.LoadBalancerAsync(scope, request.LoadBalancerArn!, cancellationToken).ConfigureAwait(false);
            var attributes = LoadBalancerAttributes.Set.Apply(found.Value.Attributes, (request.Attributes ?? []).Select(a => (a.Key, a.Value)));
            var stored = found.Value with { Attributes = attributes };
            await Store.Store.ApplyAsync([Store.LoadBalancers.Put(scope.Partition, stored.LoadBalancer.LoadBalancerName!, stored, found.Version)], cancellationToken)
                .ConfigureAwait(false);
            return new ModifyLoadBalancerAttributesOutput { Attributes = ToWire(attributes) };
        }).ConfigureAwait(false);
    }

    private static List<LoadBalancerAttribute> ToWire(Dictionary<string, string> attributes) =>
        [.. attributes.Select(a => new LoadBalancerAttribute { Key = a.Key, Value = a.Value })];

    private LoadBalancer New(ResourceScope scope, string name, string id, CreateLoadBalancerInput request)
    {
        var scheme = request.Scheme ?? "internet-facing";
        var subnets = request.Subnets ?? request.SubnetMappings?.Select(m => m.SubnetId ?? string.Empty).ToList() ?? [];
        var internalPrefix = scheme == "internal" ? "internal-" : string.Empty;
        return new LoadBalancer
        {
            LoadBalancerArn = ElbArns.LoadBalancer(scope, name, id),
            DNSName = $"{internalPrefix}{name}-{ElbIds.DnsDigits(id)}.{scope.Region}.elb.localhost",
            CanonicalHostedZoneId = CanonicalHostedZoneId,
            CreatedTime = time.GetUtcNow(),
            LoadBalancerName = name,
            Scheme = scheme,
            VpcId = VpcId,
            State = new LoadBalancerState { Code = "active" },
            Type = "application",
            AvailabilityZones = Zones(scope, subnets),
            SecurityGroups = request.SecurityGroups ?? [],
            IpAddressType = request.IpAddressType ?? "ipv4",
        };
    }

    /// <summary>One zone per subnet (a, b, c, ... of the region); without subnets, the region's first zone.</summary>
    private static List<AvailabilityZone> Zones(ResourceScope scope, List<string> subnets) => subnets.Count == 0
        ? [new AvailabilityZone { ZoneName = scope.Region + "a", SubnetId = "subnet-berth", LoadBalancerAddresses = [] }]
        : [.. subnets.Select((s, i) => new AvailabilityZone { ZoneName = $"{scope.Region}{(char)('a' + (i % 6))}", SubnetId = s, LoadBalancerAddresses = [] })];

    private static bool SameSettings(LoadBalancer existing, LoadBalancer wanted) =>
        existing.Scheme == wanted.Scheme
        && existing.IpAddressType == wanted.IpAddressType
        && existing.SecurityGroups!.Order().SequenceEqual(wanted.SecurityGroups!.Order())
        && existing.AvailabilityZones!.Select(z => z.SubnetId).Order().SequenceEqual(wanted.AvailabilityZones!.Select(z => z.SubnetId).Order());
}
