namespace Berth.ControlPlane.Elb.LoadBalancers;

/// <summary>The application load balancer attributes Berth keeps: stored and echoed; deletion protection is enforced and the
/// idle timeout and HTTP/2 reach the data plane as the proxy supports them.</summary>
public static class LoadBalancerAttributes
{
    public const string DeletionProtection = "deletion_protection.enabled";

    public static AttributeSet Set { get; } = new("Load balancer", [
        AttributeSet.Range("idle_timeout.timeout_seconds", 60, 1, 4000),
        AttributeSet.Boolean(DeletionProtection, false),
        AttributeSet.Boolean("routing.http2.enabled", true),
    ]);
}
