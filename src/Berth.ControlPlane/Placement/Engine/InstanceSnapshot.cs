using Berth.ControlPlane.Placement.Query;

namespace Berth.ControlPlane.Placement.Engine;

/// <summary>One container instance as placement sees it, fixed at the moment the snapshot was taken: what it has left,
/// which host ports its tasks hold, how many of its unstopped tasks are in each task group, and the facts the cluster
/// query language reads.</summary>
public sealed record InstanceSnapshot(
    string Arn,
    string Status,
    bool AgentConnected,
    int Cpu,
    int Memory,
    int Gpus,
    IReadOnlySet<string> TcpPortsInUse,
    IReadOnlySet<string> UdpPortsInUse,
    IReadOnlyDictionary<string, int> GroupCounts,
    InstanceFacts Facts)
{
    /// <summary>The id at the end of the ARN, which is what spread on instanceId (or host) balances over.</summary>
    public string Id => Arn[(Arn.LastIndexOf('/') + 1)..];

    /// <summary>The value of an attribute, with whether the instance has it at all (an attribute may have no value).</summary>
    public (bool Present, string? Value) Attribute(string name) =>
        Facts.Attributes.TryGetValue(name, out var value) ? (true, value) : (false, null);
}
