namespace Berth.Agent.Docker;

/// <summary>A container's endpoint in one Docker network.</summary>
public sealed record NetworkAttachment
{
    public required string NetworkName { get; init; }

    public string? NetworkId { get; init; }

    /// <summary>Null while the container does not run (Docker then reports "").</summary>
    public string? IpAddress { get; init; }

    public int PrefixLength { get; init; }

    public string? Gateway { get; init; }

    public string? MacAddress { get; init; }
}
