namespace Berth.Agent.Docker;

/// <summary>An /etc/hosts entry (ECS <c>extraHosts</c>).</summary>
public sealed record ExtraHost(string Hostname, string IpAddress);
