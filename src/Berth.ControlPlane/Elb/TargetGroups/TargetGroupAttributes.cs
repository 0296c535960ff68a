namespace Berth.ControlPlane.Elb.TargetGroups;

/// <summary>The target group attributes Berth keeps, with ELBv2's defaults and ranges; the data plane applies them.</summary>
public static class TargetGroupAttributes
{
    public const string DeregistrationDelay = "deregistration_delay.timeout_seconds";
    public const string SlowStart = "slow_start.duration_seconds";
    public const string StickinessEnabled = "stickiness.enabled";
    public const string StickinessType = "stickiness.type";
    public const string CookieDuration = "stickiness.lb_cookie.duration_seconds";

    public static AttributeSet Set { get; } = new("Target group", [
        AttributeSet.Range(DeregistrationDelay, 300, 0, 3600),
        // 0 turns slow start off; otherwise ELBv2 takes 30 to 900 seconds.
        new AttributeRule(SlowStart, "0", v => AttributeSet.Int(v) is 0 or (>= 30 and <= 900), "0 or an integer from 30 to 900"),
        AttributeSet.Boolean(StickinessEnabled, false),
        AttributeSet.OneOf(StickinessType, "lb_cookie"),
        AttributeSet.Range(CookieDuration, 86400, 1, 604800),
        AttributeSet.OneOf("load_balancing.algorithm.type", "round_robin", "least_outstanding_requests"),
    ]);

    public static int DeregistrationDelaySeconds(IReadOnlyDictionary<string, string> attributes) => Seconds(attributes, DeregistrationDelay);

    public static int SlowStartSeconds(IReadOnlyDictionary<string, string> attributes) => Seconds(attributes, SlowStart);

    /// <summary>The lb_cookie duration when stickiness is on, else null.</summary>
    public static int? StickinessSeconds(IReadOnlyDictionary<string, string> attributes) =>
        attributes.GetValueOrDefault(StickinessEnabled) == "true" ? Seconds(attributes, CookieDuration) : null;

    private static int Seconds(IReadOnlyDictionary<string, string> attributes, string key) => Set.IntOf(attributes, key);
}
