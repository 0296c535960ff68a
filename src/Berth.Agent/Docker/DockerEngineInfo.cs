namespace Berth.Agent.Docker;

/// <summary>What the engine says about itself (GET /version and GET /info). The agent registers these as container
/// instance attributes and resources.</summary>
public sealed record DockerEngineInfo
{
    /// <summary>The engine's release, e.g. "20.10.24+dfsg1".</summary>
    public required string ServerVersion { get; init; }

    /// <summary>The newest Engine API version the engine speaks.</summary>
    public required Version ServerApiVersion { get; init; }

    /// <summary>The version this client uses on every call: min(<see cref="ServerApiVersion"/>, the newest it knows).</summary>
    public required Version ApiVersion { get; init; }

    /// <summary>"linux".</summary>
    public required string OsType { get; init; }

    /// <summary>The host's distribution, e.g. "Debian GNU/Linux 12 (bookworm)".</summary>
    public required string OperatingSystem { get; init; }

    /// <summary>The kernel's name for the CPU architecture, e.g. "x86_64", "aarch64".</summary>
    public required string Architecture { get; init; }

    public required string KernelVersion { get; init; }

    public required int Cpus { get; init; }

    public required long MemoryBytes { get; init; }

    /// <summary>The log drivers the engine has (json-file, awslogs, ...).</summary>
    public required IReadOnlyList<string> LoggingDrivers { get; init; }

    public required string DefaultLoggingDriver { get; init; }

    /// <summary>"1" or "2".</summary>
    public required string CgroupVersion { get; init; }

    /// <summary>The engine host's name.</summary>
    public required string Name { get; init; }
}
