namespace Berth.LoadBalancing.Tests.Haproxy;

/// <summary>Building blocks for configurations in tests.</summary>
internal static class Samples
{
    public const string Region = "arn:aws:elasticloadbalancing:us-east-1:000000000000";

    public static ProxyHealthCheck Check(string matcher = "200", string port = "traffic-port", bool enabled = true, int interval = 30) =>
        new(enabled, "/health", port, interval, 5, 5, 2, matcher);

    public static ProxyTargetGroup Group(string name, params ProxyTarget[] targets) =>
        new($"{Region}:targetgroup/{name}/0123456789abcdef", name, Check(), targets, 300, 0, null);

    public static ProxyTarget Target(int port, bool draining = false) => new("i-0123456789abcdef0", port, "127.0.0.1", draining);

    public static ProxyListener Listener(string lb, int port, params ProxyRule[] rules) =>
        new($"{Region}:listener/app/{lb}/1111/{port}", $"{Region}:loadbalancer/app/{lb}/1111", $"{lb}-1111.elb.berth.local", port, rules);

    public static ProxyRule Rule(int priority, ProxyAction action, params ProxyCondition[] conditions) =>
        new($"{Region}:listener-rule/app/x/{priority}", priority, conditions, action);

    public static ProxyRule Default(ProxyAction action) => Rule(int.MaxValue, action);

    public static ForwardAction Forward(params ProxyTargetGroup[] groups) => new(groups.Select(g => new WeightedTargetGroup(g.TargetGroupArn, 1)).ToList());
}
