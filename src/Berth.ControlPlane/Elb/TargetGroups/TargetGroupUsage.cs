using Berth.Aws.Generated.Elbv2;
using Berth.Domain;
using Action = Berth.Aws.Generated.Elbv2.Action;

namespace Berth.ControlPlane.Elb.TargetGroups;

/// <summary>Which load balancers forward to each target group of a scope, read from every rule (default rules carry their
/// listener's default actions): what DescribeTargetGroups reports as LoadBalancerArns and what makes a group in use.</summary>
public sealed class TargetGroupUsage(IReadOnlyDictionary<string, SortedSet<string>> loadBalancersByGroup)
{
    public static async ValueTask<TargetGroupUsage> ReadAsync(ElbStore store, ResourceScope scope, CancellationToken cancellationToken)
    {
        var byGroup = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        await foreach (var rule in store.Rules.ScanAsync(scope.Partition, null, cancellationToken).ConfigureAwait(false))
        {
            var loadBalancer = ElbArns.LoadBalancerOf(rule.Value.Rule.RuleArn!);
            foreach (var group in GroupsOf(rule.Value.Rule.Actions))
            {
                if (!byGroup.TryGetValue(group, out var set))
                {
                    byGroup[group] = set = new SortedSet<string>(StringComparer.Ordinal);
                }

                set.Add(loadBalancer);
            }
        }

        return new TargetGroupUsage(byGroup);
    }

    /// <summary>Every target group the actions forward to.</summary>
    public static IEnumerable<string> GroupsOf(IEnumerable<Action>? actions) =>
        (actions ?? []).Where(a => a.Type == "forward")
            .SelectMany(a => (a.ForwardConfig?.TargetGroups ?? []).Select(t => t.TargetGroupArn).Append(a.TargetGroupArn))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);

    public bool InUse(string targetGroupArn) => loadBalancersByGroup.ContainsKey(targetGroupArn);

    public List<string> LoadBalancersOf(string targetGroupArn) =>
        loadBalancersByGroup.TryGetValue(targetGroupArn, out var set) ? [.. set] : [];
}
