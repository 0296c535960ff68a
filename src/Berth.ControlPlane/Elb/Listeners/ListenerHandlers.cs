using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Elbv2;
using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Storage;
using Berth.Domain;
using Berth.State;

namespace Berth.ControlPlane.Elb.Listeners;

/// <summary>Create/Describe/Modify/DeleteListener. Listeners are HTTP; each has a default rule (an <c>elb.rule</c> carrying the
/// default actions) written with it.</summary>
public sealed class ListenerHandlers(ElbResources resources, ActionReader actions, ListenerPorts ports, ElbIds ids)
{
    private ElbStore Store => resources.Store;

    /// <summary>Idempotent as on AWS: the same port with the same settings answers the existing listener.</summary>
    public async ValueTask<CreateListenerOutput> CreateListener(RequestContext context, CreateListenerInput request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        var protocol = Protocol(request.Protocol);
        var port = request.Port ?? throw ElbErrors.Validation("A listener port must be specified");
        var tags = ElbTags.FromRequest(request.Tags);
        return await Optimistic.RetryAsync(async () =>
        {
            var loadBalancer = await resources.LoadBalancerAsync(scope, request.LoadBalancerArn!, cancellationToken).ConfigureAwait(false);
            var checkedActions = await actions.ReadAsync(scope, request.LoadBalancerArn!, request.DefaultActions, cancellationToken).ConfigureAwait(false);
            var siblings = await ListenersOfAsync(scope, request.LoadBalancerArn!, cancellationToken).ConfigureAwait(false);
            if (siblings.FirstOrDefault(l => l.Value.Listener.Port == port) is { } existing)
            {
                return existing.Value.Listener.Protocol == protocol && ActionReader.Same(existing.Value.Listener.DefaultActions, checkedActions.Actions)
                    ? new CreateListenerOutput { Listeners = [existing.Value.Listener] }
                    : throw ElbErrors.DuplicateListener(request.LoadBalancerArn!);
            }

            await ports.CheckAsync(port, cancellationToken).ConfigureAwait(false);
            var listenerArn = ElbArns.Listener(request.LoadBalancerArn!, ids.NewId());
            var listener = new Listener
            {
                ListenerArn = listenerArn,
                LoadBalancerArn = request.LoadBalancerArn,
                Port = port,
                Protocol = protocol,
                DefaultActions = checkedActions.Actions,
            };
            var defaultRule = new Rule { RuleArn = ElbArns.Rule(listenerArn, ids.NewId()), Priority = "default", Conditions = [], Actions = listener.DefaultActions, IsDefault = true };
            var ops = new List<WriteOp>
            {
                Store.Listeners.Put(scope.Partition, ElbArns.KeyOfListener(listenerArn), new StoredListener { Listener = listener, Tags = tags }, 0),
                Store.Rules.Put(scope.Partition, ElbArns.KeyOfRule(defaultRule.RuleArn), new StoredRule { Rule = defaultRule }, 0),
                Store.LoadBalancers.Put(scope.Partition, loadBalancer.Value.LoadBalancer.LoadBalancerName!, loadBalancer.Value, loadBalancer.Version),
            };
            ops.AddRange(checkedActions.Touch(Store, scope));
            await Store.Store.ApplyAsync(ops, cancellationToken).ConfigureAwait(false);
            return new CreateListenerOutput { Listeners = [listener] };
        }).ConfigureAwait(false);
    }

    public async ValueTask<DescribeListenersOutput> DescribeListeners(RequestContext context, DescribeListenersInput request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        if (request.ListenerArns is { Count: > 0 } arns)
        {
            var named = await resources.EachAsync(scope, arns, resources.ListenerAsync, l => l.Listener, cancellationToken).ConfigureAwait(false);
            return new DescribeListenersOutput { Listeners = named };
        }

        var loadBalancerArn = request.LoadBalancerArn ?? throw ElbErrors.Validation("You must specify either listener ARNs or a load balancer ARN");
        await resources.LoadBalancerAsync(scope, loadBalancerArn, cancellationToken).ConfigureAwait(false);
        var query = new ListQuery
        {
            KeyPrefix = ElbStore.ChildPrefix(ElbArns.KeyOfLoadBalancer(loadBalancerArn)),
            StartAfter = ElbPaging.After(request.Marker),
            Limit = ElbPaging.PageSize(request.PageSize),
        };
        var (items, nextKey) = await Store.Listeners.ListAsync(scope.Partition, query, cancellationToken).ConfigureAwait(false);
        return new DescribeListenersOutput { Listeners = [.. items.Select(i => i.Value.Listener)], NextMarker = ElbPaging.Marker(nextKey) };
    }

    /// <summary>Changes port, protocol or default actions; the default rule follows the default actions in the same transaction.</summary>
    public async ValueTask<ModifyListenerOutput> ModifyListener(RequestContext context, ModifyListenerInput request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        return await Optimistic.RetryAsync(async () =>
        {
            var found = await resources.ListenerAsync(scope, request.ListenerArn!, cancellationToken).ConfigureAwait(false);
            var current = found.Value.Listener;
            var listener = current with { Protocol = request.Protocol is null ? current.Protocol : Protocol(request.Protocol) };
            var ops = new List<WriteOp>();
            if (request.Port is { } port && port != current.Port)
            {
                var siblings = await ListenersOfAsync(scope, current.LoadBalancerArn!, cancellationToken).ConfigureAwait(false);
                if (siblings.Any(l => l.Value.Listener.Port == port))
                {
                    throw ElbErrors.DuplicateListener(current.LoadBalancerArn!);
                }

                await ports.CheckAsync(port, cancellationToken).ConfigureAwait(false);
                listener = listener with { Port = port };
            }

            if (request.DefaultActions is { } defaultActions)
            {
                var checkedActions = await actions.ReadAsync(scope, current.LoadBalancerArn!, defaultActions, cancellationToken).ConfigureAwait(false);
                listener = listener with { DefaultActions = checkedActions.Actions };
                ops.AddRange(checkedActions.Touch(Store, scope));
                var rules = await resources.RulesOfAsync(scope, ElbArns.KeyOfListener(current.ListenerArn!), cancellationToken).ConfigureAwait(false);
                var defaultRule = rules.Single(r => r.Value.Rule.IsDefault == true);
                var rule = defaultRule.Value with { Rule = defaultRule.Value.Rule with { Actions = checkedActions.Actions } };
                ops.Add(Store.Rules.Put(scope.Partition, ElbArns.KeyOfRule(rule.Rule.RuleArn!), rule, defaultRule.Version));
            }

            ops.Add(Store.Listeners.Put(scope.Partition, ElbArns.KeyOfListener(current.ListenerArn!), found.Value with { Listener = listener }, found.Version));
            await Store.Store.ApplyAsync(ops, cancellationToken).ConfigureAwait(false);
            return new ModifyListenerOutput { Listeners = [listener] };
        }).ConfigureAwait(false);
    }

    /// <summary>Deletes the listener and its rules in one transaction.</summary>
    public async ValueTask<DeleteListenerOutput> DeleteListener(RequestContext context, DeleteListenerInput request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        await Optimistic.RetryAsync(async () =>
        {
            var found = await resources.ListenerAsync(scope, request.ListenerArn!, cancellationToken).ConfigureAwait(false);
            var key = ElbArns.KeyOfListener(request.ListenerArn!);
            var ops = new List<WriteOp> { Store.Listeners.Delete(scope.Partition, key, found.Version) };
            foreach (var rule in await resources.RulesOfAsync(scope, key, cancellationToken).ConfigureAwait(false))
            {
                ops.Add(Store.Rules.Delete(scope.Partition, ElbArns.KeyOfRule(rule.Value.Rule.RuleArn!), rule.Version));
            }

            await Store.Store.ApplyAsync(ops, cancellationToken).ConfigureAwait(false);
            return ops.Count;
        }).ConfigureAwait(false);
        return new DeleteListenerOutput();
    }

    private static string Protocol(string? protocol) => (protocol ?? "HTTP") is "HTTP" ? "HTTP" : throw ElbErrors.UnsupportedProtocol(protocol!);

    private async ValueTask<List<Versioned<StoredListener>>> ListenersOfAsync(ResourceScope scope, string loadBalancerArn, CancellationToken cancellationToken)
    {
        var listeners = new List<Versioned<StoredListener>>();
        var prefix = ElbStore.ChildPrefix(ElbArns.KeyOfLoadBalancer(loadBalancerArn));
        await foreach (var listener in Store.Listeners.ScanAsync(scope.Partition, prefix, cancellationToken).ConfigureAwait(false))
        {
            listeners.Add(listener);
        }

        return listeners;
    }
}
