using Berth.ControlPlane.Storage;
using Berth.Domain;

namespace Berth.ControlPlane.Elb;

/// <summary>Finds ELBv2 resources by ARN in a scope: a malformed ARN is a ValidationError, one that names nothing there
/// (another account or region, a deleted resource, an old id of a reused name) the resource's NotFound error.</summary>
public sealed class ElbResources(ElbStore store)
{
    public ElbStore Store => store;

    public ValueTask<Versioned<StoredLoadBalancer>?> FindLoadBalancerAsync(ResourceScope scope, string arn, CancellationToken cancellationToken) =>
        ByNameAsync(store.LoadBalancers, scope, ElbArns.LoadBalancerKey(scope, arn), arn, l => l.LoadBalancer.LoadBalancerArn, cancellationToken);

    public async ValueTask<Versioned<StoredLoadBalancer>> LoadBalancerAsync(ResourceScope scope, string arn, CancellationToken cancellationToken) =>
        await FindLoadBalancerAsync(scope, arn, cancellationToken).ConfigureAwait(false) ?? throw ElbErrors.LoadBalancerNotFound();

    public ValueTask<Versioned<StoredTargetGroup>?> FindTargetGroupAsync(ResourceScope scope, string arn, CancellationToken cancellationToken) =>
        ByNameAsync(store.TargetGroups, scope, ElbArns.TargetGroupKey(scope, arn), arn, g => g.TargetGroup.TargetGroupArn, cancellationToken);

    public async ValueTask<Versioned<StoredTargetGroup>> TargetGroupAsync(ResourceScope scope, string arn, CancellationToken cancellationToken) =>
        await FindTargetGroupAsync(scope, arn, cancellationToken).ConfigureAwait(false) ?? throw ElbErrors.TargetGroupNotFound();

    public async ValueTask<Versioned<StoredListener>> ListenerAsync(ResourceScope scope, string arn, CancellationToken cancellationToken) =>
        ElbArns.ListenerKey(scope, arn) is { } key
        && await store.Listeners.GetAsync(scope.Partition, key, cancellationToken).ConfigureAwait(false) is { } found
            ? found
            : throw ElbErrors.ListenerNotFound();

    public async ValueTask<Versioned<StoredRule>> RuleAsync(ResourceScope scope, string arn, CancellationToken cancellationToken) =>
        ElbArns.RuleKey(scope, arn) is { } key
        && await store.Rules.GetAsync(scope.Partition, key, cancellationToken).ConfigureAwait(false) is { } found
            ? found
            : throw ElbErrors.RuleNotFound();

    /// <summary>Every rule of a listener (its default rule included), in evaluation order.</summary>
    public async ValueTask<List<Versioned<StoredRule>>> RulesOfAsync(ResourceScope scope, string listenerKey, CancellationToken cancellationToken)
    {
        var rules = new List<Versioned<StoredRule>>();
        await foreach (var rule in store.Rules.ScanAsync(scope.Partition, ElbStore.ChildPrefix(listenerKey), cancellationToken).ConfigureAwait(false))
        {
            rules.Add(rule);
        }

        return [.. rules.OrderBy(r => r.Value.Order())];
    }

    /// <summary>Each named resource, in the order named; the first missing one fails the whole call, as on AWS.</summary>
    public static async ValueTask<List<T>> EachAsync<T>(IEnumerable<string> names, Func<string, ValueTask<T>> find)
    {
        var found = new List<T>();
        foreach (var name in names)
        {
            found.Add(await find(name).ConfigureAwait(false));
        }

        return found;
    }

    /// <summary>Each resource an ARN names, as <paramref name="show"/> shows it, in the order named (the first missing one fails
    /// the call): what the describe calls answer when given ARNs.</summary>
    public ValueTask<List<TShown>> EachAsync<TStored, TShown>(
        ResourceScope scope,
        IEnumerable<string> arns,
        Func<ResourceScope, string, CancellationToken, ValueTask<Versioned<TStored>>> find,
        Func<TStored, TShown> show,
        CancellationToken cancellationToken)
        where TStored : class =>
        EachAsync(arns, async arn => show((await find(scope, arn, cancellationToken).ConfigureAwait(false)).Value));

    /// <summary>The resource stored under its name, if it is the one the ARN names (not an older one of the same name).</summary>
    private static async ValueTask<Versioned<T>?> ByNameAsync<T>(
        DocumentCollection<T> collection, ResourceScope scope, string? name, string arn, Func<T, string?> arnOf, CancellationToken cancellationToken)
        where T : class =>
        name is not null && await collection.GetAsync(scope.Partition, name, cancellationToken).ConfigureAwait(false) is { } found && arnOf(found.Value) == arn
            ? found
            : null;
}
