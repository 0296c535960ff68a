using Berth.Aws.Generated.Elbv2;

namespace Berth.ControlPlane.Elb;

/// <summary>A load balancer as stored (kind <c>elb.load-balancer</c>, key its name), in its wire shape.</summary>
public sealed record StoredLoadBalancer
{
    public required LoadBalancer LoadBalancer { get; init; }

    /// <summary>Its attributes by key, defaults included (see <c>LoadBalancerAttributes</c>).</summary>
    public required Dictionary<string, string> Attributes { get; init; }

    public Dictionary<string, string> Tags { get; init; } = [];
}
