namespace Berth.Agent.Docker.Wire;

/// <summary>POST /containers/create: the container config with <c>HostConfig</c> inside it. Nulls are omitted, so
/// Docker's defaults apply to whatever the spec leaves unset.</summary>
internal sealed record CreateContainerBody
{
    public required string Image { get; init; }
    public string? Hostname { get; init; }
    public string? User { get; init; }
    public string? WorkingDir { get; init; }
    public List<string>? Cmd { get; init; }
    public List<string>? Entrypoint { get; init; }
    public List<string>? Env { get; init; }
    public Dictionary<string, string>? Labels { get; init; }
    public Dictionary<string, EmptyObject>? ExposedPorts { get; init; }
    public HealthConfig? Healthcheck { get; init; }
    public string? StopSignal { get; init; }

    /// <summary>Seconds; the default grace of a stop that names none (Berth always names one).</summary>
    public int? StopTimeout { get; init; }

    public bool? Tty { get; init; }
    public bool? OpenStdin { get; init; }
    public required HostConfigBody HostConfig { get; init; }

    /// <summary>Durations are Docker nanoseconds.</summary>
    public sealed record HealthConfig
    {
        public required List<string> Test { get; init; }
        public long? Interval { get; init; }
        public long? Timeout { get; init; }
        public int? Retries { get; init; }
        public long? StartPeriod { get; init; }
    }

    public sealed record HostConfigBody
    {
        public string? NetworkMode { get; init; }
        public Dictionary<string, List<PortBinding>>? PortBindings { get; init; }
        public List<string>? Links { get; init; }
        public List<string>? Binds { get; init; }
        public List<string>? VolumesFrom { get; init; }
        public List<UlimitBody>? Ulimits { get; init; }
        public long? CpuShares { get; init; }
        public long? Memory { get; init; }
        public long? MemoryReservation { get; init; }
        public bool? Init { get; init; }
        public List<string>? CapAdd { get; init; }
        public List<string>? CapDrop { get; init; }
        public long? ShmSize { get; init; }
        public Dictionary<string, string>? Tmpfs { get; init; }
        public bool? ReadonlyRootfs { get; init; }
        public bool? Privileged { get; init; }
        public List<string>? ExtraHosts { get; init; }
        public List<string>? Dns { get; init; }
        public List<string>? DnsSearch { get; init; }
        public List<string>? SecurityOpt { get; init; }
        public Dictionary<string, string>? Sysctls { get; init; }
        public LogConfigBody? LogConfig { get; init; }
        public List<DeviceRequestBody>? DeviceRequests { get; init; }
    }

    public sealed record DeviceRequestBody
    {
        public required string Driver { get; init; }
        public required List<string> DeviceIDs { get; init; }
        public required List<List<string>> Capabilities { get; init; }
    }

    public sealed record PortBinding
    {
        public string HostIp { get; init; } = "";

        /// <summary>"" asks Docker for a dynamic port from its ephemeral range.</summary>
        public string HostPort { get; init; } = "";
    }

    public sealed record UlimitBody
    {
        public required string Name { get; init; }
        public long Soft { get; init; }
        public long Hard { get; init; }
    }

    public sealed record LogConfigBody
    {
        public required string Type { get; init; }
        public Dictionary<string, string>? Config { get; init; }
    }
}
