namespace Berth.Agent.Docker;

/// <summary>A container port bound to a host address and port (the host port is the one Docker chose when it was
/// dynamic).</summary>
public sealed record PublishedPort(int ContainerPort, string Protocol, string HostIp, int HostPort);
