namespace Berth.LoadBalancing;

/// <summary>Everything the proxy must serve, as one immutable value: the control plane builds it from the ELBv2 resources and
/// the data plane makes HAProxy match it. Equal configurations mean nothing to do.</summary>
/// <param name="Listeners">Every listener of every active load balancer.</param>
/// <param name="TargetGroups">Every target group some listener's rules forward to (unused groups are left out).</param>
public sealed record ProxyConfiguration(IReadOnlyList<ProxyListener> Listeners, IReadOnlyList<ProxyTargetGroup> TargetGroups)
{
    public static ProxyConfiguration Empty { get; } = new([], []);
}

/// <summary>One HTTP listener. Listeners of several load balancers may share a port: the Host header (the load balancer's
/// DNS name) picks the load balancer.</summary>
/// <param name="Rules">The rules in evaluation order: ascending priority, the default rule last.</param>
/// <param name="IdleTimeoutSeconds">The load balancer's idle timeout: how long a client connection may stay open with nothing
/// sent (listeners sharing a port get the largest of theirs).</param>
public sealed record ProxyListener(string ListenerArn, string LoadBalancerArn, string DnsName, int Port, IReadOnlyList<ProxyRule> Rules, int IdleTimeoutSeconds = 60);

/// <summary>A listener rule: all conditions must match (an empty list matches everything, as the default rule does).</summary>
/// <param name="Priority">The rule's priority; <see cref="int.MaxValue"/> for the default rule.</param>
public sealed record ProxyRule(string RuleArn, int Priority, IReadOnlyList<ProxyCondition> Conditions, ProxyAction Action);

/// <summary>A rule condition, with ELBv2's matching semantics (case, wildcards <c>*</c> and <c>?</c>; any value of a list matches).</summary>
public abstract record ProxyCondition;

/// <summary>Path patterns, case-sensitive, matched against the path without the query string.</summary>
public sealed record PathPatternCondition(IReadOnlyList<string> Values) : ProxyCondition;

/// <summary>Host header patterns, case-insensitive, without the port.</summary>
public sealed record HostHeaderCondition(IReadOnlyList<string> Values) : ProxyCondition;

/// <summary>A named header's value patterns, case-insensitive.</summary>
public sealed record HttpHeaderCondition(string Name, IReadOnlyList<string> Values) : ProxyCondition;

/// <summary>Query-string key/value pairs, case-insensitive; a null key matches the value under any key.</summary>
public sealed record QueryStringCondition(IReadOnlyList<QueryStringPair> Values) : ProxyCondition;

public sealed record QueryStringPair(string? Key, string Value);

/// <summary>Exact request methods (GET, POST, ...).</summary>
public sealed record HttpMethodCondition(IReadOnlyList<string> Values) : ProxyCondition;

/// <summary>Source address CIDR blocks.</summary>
public sealed record SourceIpCondition(IReadOnlyList<string> Cidrs) : ProxyCondition;

/// <summary>What a matching rule does.</summary>
public abstract record ProxyAction;

/// <summary>Forwards to one or more target groups by weight (weights 0..999; a single group has weight 1).</summary>
/// <param name="StickinessSeconds">Group-level stickiness across the weighted groups, or null when off.</param>
public sealed record ForwardAction(IReadOnlyList<WeightedTargetGroup> TargetGroups, int? StickinessSeconds = null) : ProxyAction;

public sealed record WeightedTargetGroup(string TargetGroupArn, int Weight);

/// <summary>Answers without a target.</summary>
public sealed record FixedResponseAction(int StatusCode, string? ContentType, string? MessageBody) : ProxyAction;

/// <summary>Answers with a redirect; each part is ELBv2's template (#{host}, #{path}, #{port}, #{query}, #{protocol}).</summary>
public sealed record RedirectAction(string Protocol, string Host, string Port, string Path, string Query, int StatusCode) : ProxyAction;

/// <summary>One target group as a backend.</summary>
/// <param name="DeregistrationDelaySeconds">How long a draining target keeps its open connections.</param>
/// <param name="SlowStartSeconds">Ramp-up time of a newly healthy target (0 = off).</param>
/// <param name="StickinessSeconds">lb_cookie stickiness duration, or null when off.</param>
public sealed record ProxyTargetGroup(
    string TargetGroupArn,
    string Name,
    ProxyHealthCheck HealthCheck,
    IReadOnlyList<ProxyTarget> Targets,
    int DeregistrationDelaySeconds,
    int SlowStartSeconds,
    int? StickinessSeconds);

/// <summary>A target group's health check, in ELBv2's terms.</summary>
/// <param name="Port">"traffic-port" or a port number.</param>
/// <param name="Matcher">ELBv2's HttpCode matcher: "200", "200,202" or "200-299".</param>
public sealed record ProxyHealthCheck(
    bool Enabled,
    string Path,
    string Port,
    int IntervalSeconds,
    int TimeoutSeconds,
    int HealthyThreshold,
    int UnhealthyThreshold,
    string Matcher);

/// <summary>A registered target. A draining target gets no new requests but keeps its open connections.</summary>
/// <param name="Id">The target id as registered (instance id or IP address).</param>
/// <param name="Address">Where the proxy connects: an IP address on this machine (loopback for a local agent's host ports).</param>
public sealed record ProxyTarget(string Id, int Port, string Address, bool Draining);
