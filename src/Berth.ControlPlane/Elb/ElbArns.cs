using Berth.Domain;

namespace Berth.ControlPlane.Elb;

/// <summary>ELBv2 ARNs as AWS forms them, and the store keys they name:
/// <c>loadbalancer/app/name/id</c>, <c>listener/app/name/id/listener-id</c>, <c>listener-rule/app/name/id/listener-id/rule-id</c>,
/// <c>targetgroup/name/id</c>; ids are 16 hex digits.</summary>
public static class ElbArns
{
    public const string Service = "elasticloadbalancing";

    private const string LoadBalancerPrefix = "loadbalancer/app/";
    private const string ListenerPrefix = "listener/app/";
    private const string RulePrefix = "listener-rule/app/";
    private const string TargetGroupPrefix = "targetgroup/";

    public static string LoadBalancer(ResourceScope scope, string name, string id) => Arn.For(Service, scope, $"{LoadBalancerPrefix}{name}/{id}").ToString();

    public static string TargetGroup(ResourceScope scope, string name, string id) => Arn.For(Service, scope, $"{TargetGroupPrefix}{name}/{id}").ToString();

    public static string Listener(string loadBalancerArn, string id) =>
        loadBalancerArn.Replace(":" + LoadBalancerPrefix, ":" + ListenerPrefix, StringComparison.Ordinal) + "/" + id;

    public static string Rule(string listenerArn, string id) =>
        listenerArn.Replace(":" + ListenerPrefix, ":" + RulePrefix, StringComparison.Ordinal) + "/" + id;

    /// <summary>The load balancer a listener or rule belongs to (its ARN's first two path segments).</summary>
    public static string LoadBalancerOf(string listenerOrRuleArn)
    {
        var arn = Parse(listenerOrRuleArn);
        var path = arn.Resource.Split('/'); // listener/app/name/id/... or listener-rule/app/name/id/...
        return (arn with { Resource = $"{LoadBalancerPrefix}{path[2]}/{path[3]}" }).ToString();
    }

    /// <summary>The listener a rule belongs to.</summary>
    public static string ListenerOf(string ruleArn) =>
        ruleArn[..ruleArn.LastIndexOf('/')].Replace(":" + RulePrefix, ":" + ListenerPrefix, StringComparison.Ordinal);

    /// <summary>The load balancer's name: its key. Null for an ARN of another account or region (not found there).</summary>
    public static string? LoadBalancerKey(ResourceScope scope, string arn) => KeyOf(scope, arn, LoadBalancerPrefix, 2, "load balancer")?.Split('/')[0];

    /// <summary>The target group's name: its key.</summary>
    public static string? TargetGroupKey(ResourceScope scope, string arn) => KeyOf(scope, arn, TargetGroupPrefix, 2, "target group")?.Split('/')[0];

    /// <summary><c>name/id/listener-id</c>.</summary>
    public static string? ListenerKey(ResourceScope scope, string arn) => KeyOf(scope, arn, ListenerPrefix, 3, "listener");

    /// <summary><c>name/id/listener-id/rule-id</c>.</summary>
    public static string? RuleKey(ResourceScope scope, string arn) => KeyOf(scope, arn, RulePrefix, 4, "listener rule");

    /// <summary>The listener key of a listener ARN known to be well formed (as stored ones are).</summary>
    public static string KeyOfListener(string listenerArn) => Parse(listenerArn).Resource[ListenerPrefix.Length..];

    /// <summary>The rule key of a rule ARN known to be well formed.</summary>
    public static string KeyOfRule(string ruleArn) => Parse(ruleArn).Resource[RulePrefix.Length..];

    /// <summary>The load balancer's key prefix for its listeners and rules: <c>name/id</c>.</summary>
    public static string KeyOfLoadBalancer(string loadBalancerArn) => Parse(loadBalancerArn).Resource[LoadBalancerPrefix.Length..];

    private static Arn Parse(string text) => Arn.TryParse(text, out var arn) ? arn : throw new ArgumentException($"Not an ARN: {text}");

    private static string? KeyOf(ResourceScope scope, string text, string prefix, int segments, string what)
    {
        if (!Arn.TryParse(text, out var arn) || arn.Service != Service || !arn.Resource.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw ElbErrors.InvalidArn(text, what);
        }

        var key = arn.Resource[prefix.Length..];
        if (key.Split('/') is var parts && (parts.Length != segments || parts.Any(p => p.Length == 0)))
        {
            throw ElbErrors.InvalidArn(text, what);
        }

        return arn.Region == scope.Region && arn.Account == scope.AccountId ? key : null;
    }
}
