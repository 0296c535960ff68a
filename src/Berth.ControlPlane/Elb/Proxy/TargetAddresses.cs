namespace Berth.ControlPlane.Elb.Proxy;

/// <summary>Where the proxy connects for a target: an ip target's own address; for an instance target, the host its
/// container instance's agent runs on, which is this machine for every agent today (loopback reaches its host ports).</summary>
public sealed class TargetAddresses
{
    public const string LocalHost = "127.0.0.1";

    public string AddressOf(string targetType, string targetId) => targetType == "ip" ? targetId : LocalHost;
}
