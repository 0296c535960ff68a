using System.Collections.Immutable;

namespace Berth.Agent.Docker;

/// <summary>Everything the agent asks of Docker when it creates one container of an ECS task: the Docker side of an ECS
/// container definition, already resolved (secrets fetched, volumes turned into host paths or volume names, ports and
/// network mode chosen). Unset members leave Docker's defaults.</summary>
public sealed record ContainerSpec
{
    /// <summary>A reference the engine has (pull first): "repo:tag", "repo@sha256:...", or an image id.</summary>
    public required string Image { get; init; }

    /// <summary>The Docker container name; null lets Docker choose one. Names are unique per engine.</summary>
    public string? Name { get; init; }

    /// <summary>Overrides the image's CMD when not null.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>Overrides the image's ENTRYPOINT when not null.</summary>
    public IReadOnlyList<string>? EntryPoint { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = ImmutableDictionary<string, string>.Empty;

    public string? WorkingDirectory { get; init; }

    /// <summary>"user", "uid", "user:group" or "uid:gid".</summary>
    public string? User { get; init; }

    public string? Hostname { get; init; }

    /// <summary>Docker labels; the agent marks its containers with these to find them again after a restart.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Each is exposed and published (Docker ignores the publishing in host network mode).</summary>
    public IReadOnlyList<PortMapping> PortMappings { get; init; } = [];

    /// <summary>See <see cref="NetworkModes"/>; null is Docker's default (bridge).</summary>
    public string? NetworkMode { get; init; }

    /// <summary>Legacy bridge links, "container" or "container:alias".</summary>
    public IReadOnlyList<string> Links { get; init; } = [];

    public IReadOnlyList<Ulimit> Ulimits { get; init; } = [];

    /// <summary>Relative CPU weight (ECS container <c>cpu</c> units map 1:1; Docker's minimum is 2).</summary>
    public long? CpuShares { get; init; }

    /// <summary>Hard limit (ECS <c>memory</c>), bytes.</summary>
    public long? MemoryBytes { get; init; }

    /// <summary>Soft limit (ECS <c>memoryReservation</c>), bytes.</summary>
    public long? MemoryReservationBytes { get; init; }

    /// <summary>Run Docker's init as PID 1 (ECS <c>initProcessEnabled</c>): it reaps zombies and forwards signals.</summary>
    public bool? Init { get; init; }

    public IReadOnlyList<string> CapAdd { get; init; } = [];

    /// <summary>The host's GPUs (ids as the instance registered them) handed to the container through Docker's nvidia
    /// device driver, as ECS gives a container the GPUs placement reserved for it.</summary>
    public IReadOnlyList<string> GpuIds { get; init; } = [];

    public IReadOnlyList<string> CapDrop { get; init; } = [];

    /// <summary>/dev/shm size, bytes (ECS <c>sharedMemorySize</c> is MiB).</summary>
    public long? SharedMemoryBytes { get; init; }

    /// <summary>Container path → mount options ("rw,noexec,size=65536k").</summary>
    public IReadOnlyDictionary<string, string> Tmpfs { get; init; } = ImmutableDictionary<string, string>.Empty;

    public bool ReadonlyRootFilesystem { get; init; }

    public bool Privileged { get; init; }

    public IReadOnlyList<ExtraHost> ExtraHosts { get; init; } = [];

    public IReadOnlyList<string> DnsServers { get; init; } = [];

    public IReadOnlyList<string> DnsSearchDomains { get; init; } = [];

    /// <summary>Host paths and named volumes, mounted as Docker binds.</summary>
    public IReadOnlyList<ContainerMount> Mounts { get; init; } = [];

    public IReadOnlyList<VolumesFrom> VolumesFrom { get; init; } = [];

    /// <summary>Docker's default stop grace for this container (whole seconds); the agent passes its own on stop.</summary>
    public TimeSpan? StopTimeout { get; init; }

    /// <summary>The signal a stop sends first, e.g. "SIGTERM" (Docker's default) or "SIGQUIT".</summary>
    public string? StopSignal { get; init; }

    public HealthCheckSpec? HealthCheck { get; init; }

    /// <summary>Null uses the engine's default log driver.</summary>
    public LogConfiguration? LogConfiguration { get; init; }

    /// <summary>ECS <c>pseudoTerminal</c>. With a TTY Docker's logs are one raw stream, not stdout/stderr frames.</summary>
    public bool Tty { get; init; }

    /// <summary>ECS <c>interactive</c>.</summary>
    public bool OpenStdin { get; init; }

    /// <summary>ECS <c>dockerSecurityOptions</c>, e.g. "no-new-privileges".</summary>
    public IReadOnlyList<string> SecurityOptions { get; init; } = [];

    /// <summary>ECS <c>systemControls</c>: namespaced kernel parameters.</summary>
    public IReadOnlyDictionary<string, string> Sysctls { get; init; } = ImmutableDictionary<string, string>.Empty;
}
