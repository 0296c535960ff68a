using System.Globalization;
using Berth.Agent.Docker.Wire;

namespace Berth.Agent.Docker.Internal;

/// <summary>Turns a <see cref="ContainerSpec"/> into the body of POST /containers/create. Empty collections and
/// unset values are left out, so Docker's defaults apply to them.</summary>
internal static class ContainerSpecMapper
{
    public static CreateContainerBody ToBody(ContainerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var exposed = new Dictionary<string, EmptyObject>(StringComparer.Ordinal);
        var bindings = new Dictionary<string, List<CreateContainerBody.PortBinding>>(StringComparer.Ordinal);
        foreach (var port in spec.PortMappings)
        {
            var key = PortKey(port.ContainerPort, port.Protocol);
            exposed[key] = EmptyObject.Instance;
            if (!bindings.TryGetValue(key, out var list))
            {
                bindings[key] = list = [];
            }

            list.Add(new CreateContainerBody.PortBinding
            {
                HostIp = port.HostIp ?? "",
                HostPort = port.HostPort is null or 0 ? "" : port.HostPort.Value.ToString(CultureInfo.InvariantCulture),
            });
        }

        return new CreateContainerBody
        {
            Image = spec.Image,
            Hostname = spec.Hostname,
            User = spec.User,
            WorkingDir = spec.WorkingDirectory,
            Cmd = spec.Command?.ToList(),
            Entrypoint = spec.EntryPoint?.ToList(),
            // Sorted: the same spec always gives the same body, whatever dictionary it came in.
            Env = NullIfEmpty(spec.Environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key + "=" + e.Value)),
            Labels = spec.Labels.Count == 0 ? null : new Dictionary<string, string>(spec.Labels, StringComparer.Ordinal),
            ExposedPorts = exposed.Count == 0 ? null : exposed,
            Healthcheck = spec.HealthCheck is { } health ? ToBody(health) : null,
            StopSignal = spec.StopSignal,
            StopTimeout = spec.StopTimeout is { } stop ? WholeSeconds(stop) : null,
            Tty = spec.Tty ? true : null,
            OpenStdin = spec.OpenStdin ? true : null,
            HostConfig = new CreateContainerBody.HostConfigBody
            {
                NetworkMode = spec.NetworkMode,
                PortBindings = bindings.Count == 0 ? null : bindings,
                Links = NullIfEmpty(spec.Links),
                Binds = NullIfEmpty(spec.Mounts.Select(m => m.Source + ":" + m.Target + (m.ReadOnly ? ":ro" : ""))),
                VolumesFrom = NullIfEmpty(spec.VolumesFrom.Select(v => v.Container + (v.ReadOnly ? ":ro" : ""))),
                Ulimits = NullIfEmpty(spec.Ulimits.Select(u => new CreateContainerBody.UlimitBody { Name = u.Name, Soft = u.Soft, Hard = u.Hard })),
                CpuShares = spec.CpuShares,
                Memory = spec.MemoryBytes,
                MemoryReservation = spec.MemoryReservationBytes,
                Init = spec.Init,
                CapAdd = NullIfEmpty(spec.CapAdd),
                DeviceRequests = spec.GpuIds.Count == 0
                    ? null
                    : [new CreateContainerBody.DeviceRequestBody { Driver = "nvidia", DeviceIDs = [.. spec.GpuIds], Capabilities = [["gpu"]] }],
                CapDrop = NullIfEmpty(spec.CapDrop),
                ShmSize = spec.SharedMemoryBytes,
                Tmpfs = spec.Tmpfs.Count == 0 ? null : new Dictionary<string, string>(spec.Tmpfs, StringComparer.Ordinal),
                ReadonlyRootfs = spec.ReadonlyRootFilesystem ? true : null,
                Privileged = spec.Privileged ? true : null,
                ExtraHosts = NullIfEmpty(spec.ExtraHosts.Select(h => h.Hostname + ":" + h.IpAddress)),
                Dns = NullIfEmpty(spec.DnsServers),
                DnsSearch = NullIfEmpty(spec.DnsSearchDomains),
                SecurityOpt = NullIfEmpty(spec.SecurityOptions),
                Sysctls = spec.Sysctls.Count == 0 ? null : new Dictionary<string, string>(spec.Sysctls, StringComparer.Ordinal),
                LogConfig = spec.LogConfiguration is { } log
                    ? new CreateContainerBody.LogConfigBody
                    {
                        Type = log.Driver,
                        Config = log.Options.Count == 0 ? null : new Dictionary<string, string>(log.Options, StringComparer.Ordinal),
                    }
                    : null,
            },
        };
    }

    /// <summary>Docker's port key, "8080/tcp".</summary>
    public static string PortKey(int port, string protocol) =>
        port.ToString(CultureInfo.InvariantCulture) + "/" + (string.IsNullOrEmpty(protocol) ? "tcp" : protocol.ToLowerInvariant());

    /// <summary>Docker takes durations in nanoseconds.</summary>
    public static long Nanoseconds(TimeSpan duration) => duration.Ticks * 100;

    /// <summary>Whole seconds, rounded up (a 1.5 s grace must not become 1 s).</summary>
    public static int WholeSeconds(TimeSpan duration) =>
        duration <= TimeSpan.Zero ? 0 : (int)Math.Min(int.MaxValue, Math.Ceiling(duration.TotalSeconds));

    private static CreateContainerBody.HealthConfig ToBody(HealthCheckSpec health) => new()
    {
        Test = health.Test.ToList(),
        Interval = health.Interval is { } interval ? Nanoseconds(interval) : null,
        Timeout = health.Timeout is { } timeout ? Nanoseconds(timeout) : null,
        Retries = health.Retries,
        StartPeriod = health.StartPeriod is { } start ? Nanoseconds(start) : null,
    };

    private static List<T>? NullIfEmpty<T>(IEnumerable<T> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? null : list;
    }
}
