namespace Berth.Agent.Docker;

/// <summary>A container port, exposed and published on the host.</summary>
public sealed record PortMapping
{
    public required int ContainerPort { get; init; }

    /// <summary>"tcp" or "udp".</summary>
    public string Protocol { get; init; } = "tcp";

    /// <summary>Null or 0: Docker picks a free port from its ephemeral range (ECS dynamic port mapping); read it back
    /// from <see cref="ContainerInfo.Ports"/>.</summary>
    public int? HostPort { get; init; }

    /// <summary>The host address to bind; null binds all addresses.</summary>
    public string? HostIp { get; init; }
}
