using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using Berth.Agent.Docker.Wire;

namespace Berth.Agent.Docker.Internal;

/// <summary>Turns the engine's answers into the client's records: names without Docker's leading "/", Go's zero time
/// and "" as null, and port keys ("8080/tcp") and host ports ("32768") as numbers.</summary>
internal static class ResponseMapper
{
    private static readonly FrozenDictionary<string, ContainerEventAction> Actions = new Dictionary<string, ContainerEventAction>
    {
        ["create"] = ContainerEventAction.Create,
        ["start"] = ContainerEventAction.Start,
        ["die"] = ContainerEventAction.Die,
        ["oom"] = ContainerEventAction.Oom,
        ["health_status"] = ContainerEventAction.HealthStatus,
        ["destroy"] = ContainerEventAction.Destroy,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static DockerEngineInfo ToEngineInfo(InfoResponse info, VersionResponse version, Version serverApi, Version negotiated) => new()
    {
        ServerVersion = info.ServerVersion ?? version.Version ?? "",
        ServerApiVersion = serverApi,
        ApiVersion = negotiated,
        OsType = info.OSType ?? version.Os ?? "",
        OperatingSystem = info.OperatingSystem ?? "",
        Architecture = info.Architecture ?? "",
        KernelVersion = info.KernelVersion ?? version.KernelVersion ?? "",
        Cpus = info.NCPU,
        MemoryBytes = info.MemTotal,
        LoggingDrivers = info.Plugins?.Log ?? [],
        DefaultLoggingDriver = info.LoggingDriver ?? "",
        CgroupVersion = info.CgroupVersion ?? "1",
        Name = info.Name ?? "",
    };

    public static ImageInfo ToImageInfo(ImageInspectResponse image) => new()
    {
        Id = image.Id ?? "",
        RepoTags = image.RepoTags ?? [],
        RepoDigests = image.RepoDigests ?? [],
        Os = image.Os ?? "",
        Architecture = image.Architecture ?? "",
        SizeBytes = image.Size,
        Created = DockerTime.ParseOrNull(image.Created),
        Labels = image.Config?.Labels ?? (IReadOnlyDictionary<string, string>)ImmutableDictionary<string, string>.Empty,
    };

    public static ContainerInfo ToContainerInfo(ContainerInspectResponse container)
    {
        var state = container.State;
        var health = state?.Health;
        var lastCheck = health?.Log is { Count: > 0 } log ? log[^1] : null;
        return new ContainerInfo
        {
            Id = container.Id,
            Name = TrimSlash(container.Name ?? ""),
            Image = container.Config?.Image ?? "",
            ImageId = container.Image ?? "",
            Created = DockerTime.ParseOrNull(container.Created),
            Labels = container.Config?.Labels ?? (IReadOnlyDictionary<string, string>)ImmutableDictionary<string, string>.Empty,
            Tty = container.Config?.Tty ?? false,
            RestartCount = container.RestartCount,
            State = new ContainerState
            {
                Status = state?.Status ?? "",
                Running = state?.Running ?? false,
                ExitCode = state?.ExitCode ?? 0,
                OomKilled = state?.OomKilled ?? false,
                Error = string.IsNullOrEmpty(state?.Error) ? null : state.Error,
                Pid = state?.Pid ?? 0,
                StartedAt = DockerTime.ParseOrNull(state?.StartedAt),
                FinishedAt = DockerTime.ParseOrNull(state?.FinishedAt),
                Health = health?.Status is { Length: > 0 } status
                    ? new ContainerHealth
                    {
                        Status = status,
                        FailingStreak = health.FailingStreak,
                        LastOutput = lastCheck?.Output,
                        LastExitCode = lastCheck?.ExitCode,
                        LastCheckEnd = DockerTime.ParseOrNull(lastCheck?.End),
                    }
                    : null,
            },
            Ports = ToPorts(container.NetworkSettings?.Ports),
            Networks = (container.NetworkSettings?.Networks ?? [])
                .Select(n => new NetworkAttachment
                {
                    NetworkName = n.Key,
                    NetworkId = EmptyAsNull(n.Value.NetworkID),
                    IpAddress = EmptyAsNull(n.Value.IPAddress),
                    PrefixLength = n.Value.IPPrefixLen,
                    Gateway = EmptyAsNull(n.Value.Gateway),
                    MacAddress = EmptyAsNull(n.Value.MacAddress),
                })
                .ToList(),
        };
    }

    public static ContainerSummary ToSummary(ContainerListItem item) => new()
    {
        Id = item.Id,
        Names = (item.Names ?? []).Select(TrimSlash).ToList(),
        Image = item.Image ?? "",
        ImageId = item.ImageID ?? "",
        State = item.State ?? "",
        Status = item.Status ?? "",
        Created = DateTimeOffset.FromUnixTimeSeconds(item.Created),
        Labels = item.Labels ?? (IReadOnlyDictionary<string, string>)ImmutableDictionary<string, string>.Empty,
    };

    /// <summary>Null for anything that is not a container event with an actor.</summary>
    public static ContainerEvent? ToContainerEvent(EventMessage message)
    {
        if (!string.Equals(message.Type, "container", StringComparison.Ordinal) || message.Actor?.ID is not { Length: > 0 } id)
        {
            return null;
        }

        var raw = message.Action ?? "";
        var colon = raw.IndexOf(':', StringComparison.Ordinal);
        var word = colon < 0 ? raw : raw[..colon];
        var action = Actions.GetValueOrDefault(word, ContainerEventAction.Other);
        var attributes = message.Actor.Attributes ?? [];
        var timeNano = message.TimeNano != 0 ? message.TimeNano : message.Time * 1_000_000_000;
        return new ContainerEvent
        {
            Action = action,
            RawAction = raw,
            ContainerId = id,
            Attributes = attributes,
            Time = DockerTime.FromUnixNanos(timeNano),
            TimeNano = timeNano,
            ExitCode = action == ContainerEventAction.Die
                && int.TryParse(attributes.GetValueOrDefault("exitCode"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var exit)
                ? exit
                : null,
            HealthStatus = action == ContainerEventAction.HealthStatus && colon >= 0 ? raw[(colon + 1)..].Trim() : null,
        };
    }

    public static ContainerStats ToStats(StatsResponse stats)
    {
        var memory = stats.MemoryStats;
        var memoryStats = memory?.Stats ?? [];

        // docker stats: cgroup v1 subtracts total_inactive_file, v2 inactive_file.
        var cache = memoryStats.GetValueOrDefault("total_inactive_file", memoryStats.GetValueOrDefault("inactive_file"));
        var blkio = stats.BlkioStats?.IoServiceBytesRecursive ?? [];
        return new ContainerStats
        {
            Read = DockerTime.ParseOrNull(stats.Read) ?? DateTimeOffset.UnixEpoch,
            PreviousRead = DockerTime.ParseOrNull(stats.PreRead),
            Cpu = ToCpu(stats.CpuStats) ?? new CpuSample { TotalNanos = 0, SystemNanos = 0, OnlineCpus = 0 },
            PreviousCpu = ToCpu(stats.PreCpuStats),
            Memory = new MemorySample
            {
                UsageBytes = memory?.Usage ?? 0,
                CacheBytes = cache,
                MaxUsageBytes = memory?.MaxUsage is > 0 ? memory.MaxUsage : null,
                LimitBytes = memory?.Limit ?? 0,
            },
            Networks = (stats.Networks ?? []).ToDictionary(
                n => n.Key,
                n => new NetworkCounters
                {
                    RxBytes = n.Value.RxBytes,
                    RxPackets = n.Value.RxPackets,
                    RxErrors = n.Value.RxErrors,
                    RxDropped = n.Value.RxDropped,
                    TxBytes = n.Value.TxBytes,
                    TxPackets = n.Value.TxPackets,
                    TxErrors = n.Value.TxErrors,
                    TxDropped = n.Value.TxDropped,
                },
                StringComparer.Ordinal),
            BlockReadBytes = Sum(blkio, "read"),
            BlockWriteBytes = Sum(blkio, "write"),
            Pids = stats.PidsStats?.Current,
        };
    }

    /// <summary>Null when the engine had no sample (precpu of a first read: all zero).</summary>
    private static CpuSample? ToCpu(StatsResponse.CpuBody? cpu)
    {
        if (cpu?.CpuUsage is not { } usage || cpu.SystemCpuUsage is not { } system || system == 0)
        {
            return null;
        }

        return new CpuSample
        {
            TotalNanos = usage.TotalUsage,
            KernelNanos = usage.UsageInKernelmode,
            UserNanos = usage.UsageInUsermode,
            SystemNanos = system,

            // Engines before 1.27 sent only per-CPU counters.
            OnlineCpus = cpu.OnlineCpus ?? usage.PercpuUsage?.Count ?? 0,
        };
    }

    private static List<PublishedPort> ToPorts(Dictionary<string, List<ContainerInspectResponse.PortBindingBody>?>? ports)
    {
        var result = new List<PublishedPort>();
        foreach (var (key, bindings) in ports ?? [])
        {
            var slash = key.IndexOf('/', StringComparison.Ordinal);
            var portText = slash < 0 ? key : key[..slash];
            var protocol = slash < 0 ? "tcp" : key[(slash + 1)..];
            if (!int.TryParse(portText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var containerPort))
            {
                continue;
            }

            foreach (var binding in bindings ?? [])
            {
                if (int.TryParse(binding.HostPort, NumberStyles.Integer, CultureInfo.InvariantCulture, out var hostPort))
                {
                    result.Add(new PublishedPort(containerPort, protocol, binding.HostIp ?? "", hostPort));
                }
            }
        }

        return result;
    }

    private static ulong Sum(List<StatsResponse.BlkioEntry> entries, string op)
    {
        ulong total = 0;
        foreach (var entry in entries)
        {
            if (string.Equals(entry.Op, op, StringComparison.OrdinalIgnoreCase))
            {
                total += entry.Value;
            }
        }

        return total;
    }

    private static string TrimSlash(string name) => name.StartsWith('/') ? name[1..] : name;

    private static string? EmptyAsNull(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
