using Berth.Aws.Generated.Elbv2;

namespace Berth.ControlPlane.Elb;

/// <summary>A target group as stored (kind <c>elb.target-group</c>, key its name), in its wire shape without
/// LoadBalancerArns (derived from the listeners and rules that forward to it when described).</summary>
public sealed record StoredTargetGroup
{
    public required TargetGroup TargetGroup { get; init; }

    /// <summary>Its attributes by key, defaults included (see <c>TargetGroupAttributes</c>).</summary>
    public required Dictionary<string, string> Attributes { get; init; }

    public Dictionary<string, string> Tags { get; init; } = [];
}
