namespace Berth.ControlPlane.Elb.LoadBalancers;

/// <summary>The application load balancer attributes Berth keeps: stored and echoed; deletion protection is enforced, the idle
/// timeout reaches the data plane (its listeners' client connections), HTTP/2 is stored only.</summary>
public static class LoadBalancerAttributes
{
    public const string DeletionProtection = "deletion_protection.enabled";
    public const string IdleTimeout = "idle_timeout.timeout_seconds";

    public static AttributeSet Set { get; } = new("Load balancer", [
        AttributeSet.Range(IdleTimeout, 60, 1, 4000),
        AttributeSet.Boolean(DeletionProtection, false),
        AttributeSet.Boolean("routing.http2.enabled", true),
    ]);

    public static int IdleTimeoutSeconds(IReadOnlyDictionary<string, string> attributes) => Set.IntOf(attributes, IdleTimeout);
}
