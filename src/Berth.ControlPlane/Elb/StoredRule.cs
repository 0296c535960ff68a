using Berth.Aws.Generated.Elbv2;

namespace Berth.ControlPlane.Elb;

/// <summary>A listener rule as stored (kind <c>elb.rule</c>), in its wire shape; the default rule has IsDefault true and
/// Priority "default" and carries its listener's default actions.</summary>
public sealed record StoredRule
{
    public required Rule Rule { get; init; }

    public Dictionary<string, string> Tags { get; init; } = [];

    /// <summary>The rule's priority, <see cref="int.MaxValue"/> for the default rule (which is evaluated last).</summary>
    public int Order() => Rule.IsDefault == true || !int.TryParse(Rule.Priority, out var priority) ? int.MaxValue : priority;
}
