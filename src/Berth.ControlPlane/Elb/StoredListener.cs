using Berth.Aws.Generated.Elbv2;

namespace Berth.ControlPlane.Elb;

/// <summary>A listener as stored (kind <c>elb.listener</c>), in its wire shape; its default rule is an <c>elb.rule</c>
/// written in the same transaction whenever the default actions change.</summary>
public sealed record StoredListener
{
    public required Listener Listener { get; init; }

    public Dictionary<string, string> Tags { get; init; } = [];
}
