using Berth.ControlPlane.Storage;
using Berth.State;

namespace Berth.ControlPlane.Elb;

/// <summary>The ELBv2 documents in the store. Keys are chosen so that a parent's children list together under a prefix:
/// load balancers and target groups by name, listeners by <c>lb-name/lb-id/listener-id</c>, rules by
/// <c>lb-name/lb-id/listener-id/rule-id</c> (the ARN's path after <c>app/</c>), targets by <c>group-name/id/port</c>.</summary>
public sealed class ElbStore(IStore store)
{
    public IStore Store => store;

    public DocumentCollection<StoredLoadBalancer> LoadBalancers { get; } =
        new(store, "elb.load-balancer", ElbStoredJsonContext.Default.StoredLoadBalancer);

    public DocumentCollection<StoredListener> Listeners { get; } = new(store, "elb.listener", ElbStoredJsonContext.Default.StoredListener);

    public DocumentCollection<StoredRule> Rules { get; } = new(store, "elb.rule", ElbStoredJsonContext.Default.StoredRule);

    public DocumentCollection<StoredTargetGroup> TargetGroups { get; } =
        new(store, "elb.target-group", ElbStoredJsonContext.Default.StoredTargetGroup);

    public DocumentCollection<StoredTarget> Targets { get; } = new(store, "elb.target", ElbStoredJsonContext.Default.StoredTarget);

    /// <summary>Whether a change-feed kind is one of ours (the proxy configuration depends on nothing else).</summary>
    public static bool IsElbKind(string kind) => kind.StartsWith("elb.", StringComparison.Ordinal);

    /// <summary>'/' never occurs in a group name, a target id or a port, so a group's targets list together.</summary>
    public static string TargetKey(string groupName, string id, int port) => $"{groupName}/{id}/{port}";

    public static string TargetPrefix(string groupName) => groupName + "/";

    /// <summary>Listeners and rules of one load balancer (or rules of one listener) share their parent's key and a '/'.</summary>
    public static string ChildPrefix(string parentKey) => parentKey + "/";
}
