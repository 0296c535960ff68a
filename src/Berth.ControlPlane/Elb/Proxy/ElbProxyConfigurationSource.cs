using Berth.ControlPlane.Elb.LoadBalancers;
using Berth.ControlPlane.Elb.TargetGroups;
using Berth.ControlPlane.Elb.Targets;
using Berth.ControlPlane.Storage;
using Berth.Domain;
using Berth.LoadBalancing;

namespace Berth.ControlPlane.Elb.Proxy;

/// <summary>The data plane's configuration read from every account's and region's ELBv2 documents: listeners by port, their
/// rules in priority order with the default rule last, and only the target groups some rule forwards to. Meant for one
/// reader (the proxy supervisor): it keeps that reader's place in the change feed.</summary>
public sealed class ElbProxyConfigurationSource(ElbStore store, LiveTargets targets, TargetAddresses addresses) : IProxyConfigurationSource
{
    private const int FeedPage = 256;

    private readonly ChangeFeedFollower feed = new(store.Store);
    private long? cursor;

    public async ValueTask<ProxyConfiguration> ReadAsync(CancellationToken cancellationToken)
    {
        // The feed's head is found before the documents are read, so a change made while reading still wakes the next wait.
        cursor ??= await feed.HeadAsync(cancellationToken).ConfigureAwait(false);
        var listeners = new List<ProxyListener>();
        var groups = new List<ProxyTargetGroup>();
        foreach (var partition in await store.Store.ListPartitionsAsync(store.Listeners.Kind, cancellationToken).ConfigureAwait(false))
        {
            await ReadPartitionAsync(ResourceScope.OfPartition(partition), listeners, groups, cancellationToken).ConfigureAwait(false);
        }

        return new ProxyConfiguration(
            [.. listeners.OrderBy(l => l.Port).ThenBy(l => l.ListenerArn, StringComparer.Ordinal)],
            [.. groups.OrderBy(g => g.TargetGroupArn, StringComparer.Ordinal)]);
    }

    /// <summary>Completes at the first change of an ELBv2 document after the reader's place (level-triggered: read again).</summary>
    public async Task WaitForChangeAsync(CancellationToken cancellationToken)
    {
        var after = cursor ??= await feed.HeadAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            await store.Store.WaitForChangesAsync(after, cancellationToken).ConfigureAwait(false);
            var changes = await store.Store.ReadChangesAsync(after, FeedPage, cancellationToken).ConfigureAwait(false);
            if (changes.Count == 0)
            {
                continue;
            }

            cursor = after = changes[^1].Sequence;
            if (changes.Any(c => ElbStore.IsElbKind(c.Kind)))
            {
                return;
            }
        }
    }

    private async ValueTask ReadPartitionAsync(ResourceScope scope, List<ProxyListener> listeners, List<ProxyTargetGroup> groups, CancellationToken cancellationToken)
    {
        var loadBalancers = await AllAsync(store.LoadBalancers, scope, cancellationToken).ConfigureAwait(false);
        var loadBalancersByArn = loadBalancers.ToDictionary(l => l.LoadBalancer.LoadBalancerArn!, StringComparer.Ordinal);
        var groupsByArn = (await AllAsync(store.TargetGroups, scope, cancellationToken).ConfigureAwait(false))
            .ToDictionary(g => g.TargetGroup.TargetGroupArn!, StringComparer.Ordinal);
        var rulesByListener = (await AllAsync(store.Rules, scope, cancellationToken).ConfigureAwait(false))
            .ToLookup(r => ElbArns.ListenerOf(r.Rule.RuleArn!), StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stored in await AllAsync(store.Listeners, scope, cancellationToken).ConfigureAwait(false))
        {
            var listener = stored.Listener;
            if (!loadBalancersByArn.TryGetValue(listener.LoadBalancerArn!, out var loadBalancer))
            {
                continue;
            }

            var rules = rulesByListener[listener.ListenerArn!].OrderBy(r => r.Order()).ToList();
            used.UnionWith(TargetGroupUsage.GroupsOf(rules.SelectMany(r => r.Rule.Actions ?? [])).Where(groupsByArn.ContainsKey));
            listeners.Add(new ProxyListener(
                listener.ListenerArn!, listener.LoadBalancerArn!, loadBalancer.LoadBalancer.DNSName!, listener.Port!.Value,
                [.. rules.Select(r => ProxyRuleTranslator.Rule(r, groupsByArn))],
                LoadBalancerAttributes.IdleTimeoutSeconds(loadBalancer.Attributes)));
        }

        foreach (var arn in used)
        {
            groups.Add(await GroupAsync(scope, groupsByArn[arn], cancellationToken).ConfigureAwait(false));
        }
    }

    private async ValueTask<ProxyTargetGroup> GroupAsync(ResourceScope scope, StoredTargetGroup stored, CancellationToken cancellationToken)
    {
        var group = stored.TargetGroup;
        var live = await targets.ReadAsync(scope, stored, cancellationToken).ConfigureAwait(false);
        return new ProxyTargetGroup(
            group.TargetGroupArn!,
            group.TargetGroupName!,
            new ProxyHealthCheck(
                group.HealthCheckEnabled != false,
                group.HealthCheckPath!,
                group.HealthCheckPort!,
                group.HealthCheckIntervalSeconds!.Value,
                group.HealthCheckTimeoutSeconds!.Value,
                group.HealthyThresholdCount!.Value,
                group.UnhealthyThresholdCount!.Value,
                group.Matcher?.HttpCode ?? "200"),
            [.. live.Select(t => new ProxyTarget(t.Value.Id, t.Value.Port, addresses.AddressOf(group.TargetType!, t.Value.Id), t.Value.DrainingSince is not null))],
            TargetGroupAttributes.DeregistrationDelaySeconds(stored.Attributes),
            TargetGroupAttributes.SlowStartSeconds(stored.Attributes),
            TargetGroupAttributes.StickinessSeconds(stored.Attributes));
    }

    private static async ValueTask<List<T>> AllAsync<T>(DocumentCollection<T> collection, ResourceScope scope, CancellationToken cancellationToken)
        where T : class
    {
        var all = new List<T>();
        await foreach (var item in collection.ScanAsync(scope.Partition, null, cancellationToken).ConfigureAwait(false))
        {
            all.Add(item.Value);
        }

        return all;
    }
}
