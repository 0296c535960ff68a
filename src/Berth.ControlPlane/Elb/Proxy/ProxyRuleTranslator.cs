using System.Globalization;
using Berth.Aws.Generated.Elbv2;
using Berth.LoadBalancing;
using Action = Berth.Aws.Generated.Elbv2.Action;

namespace Berth.ControlPlane.Elb.Proxy;

/// <summary>Turns stored (already checked) rule conditions and actions into the data plane's terms.</summary>
public static class ProxyRuleTranslator
{
    public static ProxyRule Rule(StoredRule stored, IReadOnlyDictionary<string, StoredTargetGroup> groupsByArn) => new(
        stored.Rule.RuleArn!,
        stored.Order(),
        [.. (stored.Rule.Conditions ?? []).Select(Condition)],
        Action(stored.Rule.Actions![0], groupsByArn));

    public static ProxyCondition Condition(RuleCondition condition) => condition.Field switch
    {
        "path-pattern" => new PathPatternCondition(condition.PathPatternConfig?.Values ?? condition.Values ?? []),
        "host-header" => new HostHeaderCondition(condition.HostHeaderConfig?.Values ?? condition.Values ?? []),
        "http-header" => new HttpHeaderCondition(condition.HttpHeaderConfig!.HttpHeaderName!, condition.HttpHeaderConfig.Values ?? []),
        "query-string" => new QueryStringCondition([.. condition.QueryStringConfig!.Values!.Select(p => new QueryStringPair(p.Key, p.Value!))]),
        "http-request-method" => new HttpMethodCondition(condition.HttpRequestMethodConfig!.Values ?? []),
        "source-ip" => new SourceIpCondition(condition.SourceIpConfig!.Values ?? []),
        var field => throw new InvalidDataException($"A stored rule has a condition of field '{field}'."),
    };

    /// <summary>A forward action's stickiness is the action's group-level stickiness when on; fixed responses and redirects
    /// carry ELBv2's status strings ("503", "HTTP_301") as numbers.</summary>
    public static ProxyAction Action(Action action, IReadOnlyDictionary<string, StoredTargetGroup> groupsByArn) => action.Type switch
    {
        "forward" => new ForwardAction(
            [.. action.ForwardConfig!.TargetGroups!.Where(t => groupsByArn.ContainsKey(t.TargetGroupArn!)).Select(t => new WeightedTargetGroup(t.TargetGroupArn!, t.Weight ?? 1))],
            action.ForwardConfig.TargetGroupStickinessConfig is { Enabled: true, DurationSeconds: { } seconds } ? seconds : null),
        "fixed-response" => new FixedResponseAction(
            int.Parse(action.FixedResponseConfig!.StatusCode!, CultureInfo.InvariantCulture), action.FixedResponseConfig.ContentType, action.FixedResponseConfig.MessageBody),
        "redirect" => new RedirectAction(
            action.RedirectConfig!.Protocol!, action.RedirectConfig.Host!, action.RedirectConfig.Port!, action.RedirectConfig.Path!, action.RedirectConfig.Query!,
            action.RedirectConfig.StatusCode == "HTTP_301" ? 301 : 302),
        var type => throw new InvalidDataException($"A stored rule has an action of type '{type}'."),
    };
}
