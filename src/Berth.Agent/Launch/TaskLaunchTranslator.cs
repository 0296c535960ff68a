using System.Collections.Immutable;
using Berth.Agent.Docker;
using Berth.Agent.Engine;
using Berth.Agent.Logs;
using Berth.Agent.Tasks;
using Berth.AgentProtocol;
using Ecs = Berth.Aws.Generated.Ecs;
using EngineContainerSpec = Berth.Agent.Engine.ContainerSpec;
using EngineContainerDependency = Berth.Agent.Engine.ContainerDependency;

namespace Berth.Agent.Launch;

/// <summary>Turns a task the control plane assigned (task, overrides and task definition) into what a task actor runs.</summary>
public static class TaskLaunchTranslator
{
    /// <summary>ECS (like Docker) gives a container without cpu, or with 1 unit, the minimum of 2 CPU shares.</summary>
    private const long MinimumCpuShares = 2;

    private const long BytesPerMiB = 1024 * 1024;

    /// <summary>The launch for <paramref name="assignment"/>; throws <see cref="UnsupportedTaskException"/> naming every
    /// field the agent cannot honour, so such a task fails instead of running differently than defined.</summary>
    public static TaskLaunch Translate(TaskAssignment assignment)
    {
        var (task, definition) = assignment;
        var problems = RunnableTaskDefinition.Unsupported(definition)
            .Concat(RunnableTaskDefinition.UnsupportedOverrides(task.Overrides, definition))
            .ToList();
        if (task.TaskArn is null)
        {
            problems.Add("Task: taskArn is required.");
        }
        if (problems.Count > 0)
        {
            throw new UnsupportedTaskException(problems);
        }

        var context = new TaskContext(task, definition);
        var containers = definition.ContainerDefinitions!.Select(context.Apply).ToList();
        var launch = new TaskLaunch
        {
            TaskArn = task.TaskArn!,
            Cluster = task.ClusterArn,
            Family = definition.Family!,
            Revision = definition.Revision!.Value,
            Spec = new TaskSpec { Arn = task.TaskArn!, Containers = [.. containers.Select(EngineSpec)] },
            Containers = containers.ToImmutableDictionary(c => c.Name!, c => new ContainerLaunch(context.DockerSpec(c)), StringComparer.Ordinal),
            Volumes = context.TaskVolumes(),
        };
        var invalid = launch.Validate();
        return invalid.IsEmpty ? launch : throw new UnsupportedTaskException(invalid);
    }

    /// <summary>The engine's view: name, essential, dependencies (with an implicit START on each linked or volumesFrom
    /// container, so it is created first) and timeouts.</summary>
    private static EngineContainerSpec EngineSpec(Ecs.ContainerDefinition container)
    {
        var explicitDependencies = (container.DependsOn ?? [])
            .Select(d => new EngineContainerDependency(d.ContainerName!, Enum.Parse<DependencyCondition>(d.Condition!, ignoreCase: true)))
            .ToList();
        var implicitDependencies = (container.Links ?? []).Select(link => link.Split(':')[0])
            .Concat((container.VolumesFrom ?? []).Select(from => from.SourceContainer!))
            .Distinct(StringComparer.Ordinal)
            .Where(name => explicitDependencies.All(d => d.ContainerName != name))
            .Select(name => new EngineContainerDependency(name, DependencyCondition.Start));
        return new EngineContainerSpec
        {
            Name = container.Name!,
            Essential = container.Essential ?? true,
            DependsOn = [.. explicitDependencies, .. implicitDependencies],
            HasHealthCheck = container.HealthCheck is not null,
            StartTimeout = Seconds(container.StartTimeout),
            StopTimeout = Seconds(container.StopTimeout),
        };
    }

    private static TimeSpan? Seconds(int? seconds) => seconds is { } s ? TimeSpan.FromSeconds(s) : null;

    private static long? Bytes(int? mebibytes) => mebibytes * BytesPerMiB;

    /// <summary>What the Docker specs of one task share: its identity, network mode and volumes.</summary>
    private sealed class TaskContext(Ecs.Task task, Ecs.TaskDefinition definition)
    {
        private readonly string networkMode = definition.NetworkMode ?? RunnableTaskDefinition.DefaultNetworkMode;
        private readonly Dictionary<string, Ecs.Volume> volumes =
            (definition.Volumes ?? []).ToDictionary(v => v.Name!, StringComparer.Ordinal);
        private readonly Dictionary<string, Ecs.ContainerOverride> overrides =
            (task.Overrides?.ContainerOverrides ?? []).ToDictionary(o => o.Name!, StringComparer.Ordinal);

        /// <summary>The definition with its override applied: command, cpu and memory replaced, the override's environment
        /// appended (the last value of a name wins).</summary>
        public Ecs.ContainerDefinition Apply(Ecs.ContainerDefinition container)
        {
            if (!overrides.TryGetValue(container.Name!, out var over))
            {
                return container;
            }
            return container with
            {
                Command = over.Command ?? container.Command,
                Environment = [.. container.Environment ?? [], .. over.Environment ?? []],
                Cpu = over.Cpu ?? container.Cpu,
                Memory = over.Memory ?? container.Memory,
                MemoryReservation = over.MemoryReservation ?? container.MemoryReservation,
            };
        }

        /// <summary>How Docker creates <paramref name="container"/> (overrides applied). Links and volumesFrom keep
        /// task-definition names; the actor turns them into Docker names.</summary>
        public Docker.ContainerSpec DockerSpec(Ecs.ContainerDefinition container)
        {
            var linux = container.LinuxParameters;
            var labels = (container.DockerLabels ?? []).ToImmutableDictionary(StringComparer.Ordinal);
            if (task.ContainerInstanceArn is { } instance)
            {
                labels = labels.SetItem(BerthLabels.ContainerInstanceArn, instance);
            }
            if (container.LogConfiguration is { LogDriver: AwsLogsOptions.Driver } awslogs)
            {
                labels = labels.SetItems(AwsLogsTarget.Labels(awslogs.Options ?? [], container.Name!, task.TaskArn!));
            }
            return new Docker.ContainerSpec
            {
                Image = container.Image!,
                Command = container.Command,
                EntryPoint = container.EntryPoint,
                Environment = LastWins(container.Environment, e => e.Name, e => e.Value ?? ""),
                WorkingDirectory = container.WorkingDirectory,
                User = container.User,
                Hostname = container.Hostname,
                Labels = labels,
                NetworkMode = networkMode,
                PortMappings = [.. (container.PortMappings ?? []).Select(Port)],
                Links = container.Links ?? [],
                Ulimits = [.. (container.Ulimits ?? []).Select(u => new Docker.Ulimit(u.Name!, u.SoftLimit!.Value, u.HardLimit!.Value))],
                CpuShares = Math.Max(container.Cpu ?? 0, MinimumCpuShares),
                MemoryBytes = Bytes(container.Memory),
                MemoryReservationBytes = Bytes(container.MemoryReservation),
                Init = linux?.InitProcessEnabled,
                CapAdd = linux?.Capabilities?.Add ?? [],
                GpuIds = task.Containers?.FirstOrDefault(c => c.Name == container.Name)?.GpuIds ?? [],
                CapDrop = linux?.Capabilities?.Drop ?? [],
                SharedMemoryBytes = Bytes(linux?.SharedMemorySize),
                Tmpfs = LastWins(linux?.Tmpfs, t => t.ContainerPath, TmpfsOptions),
                ReadonlyRootFilesystem = container.ReadonlyRootFilesystem ?? false,
                Privileged = container.Privileged ?? false,
                ExtraHosts = [.. (container.ExtraHosts ?? []).Select(h => new ExtraHost(h.Hostname!, h.IpAddress!))],
                DnsServers = container.DnsServers ?? [],
                DnsSearchDomains = container.DnsSearchDomains ?? [],
                Mounts = [.. (container.MountPoints ?? []).Select(Mount)],
                VolumesFrom = [.. (container.VolumesFrom ?? []).Select(v => new VolumesFrom(v.SourceContainer!, v.ReadOnly ?? false))],
                StopTimeout = Seconds(container.StopTimeout),
                HealthCheck = container.HealthCheck is { } health ? HealthCheck(health) : null,
                LogConfiguration = LogConfiguration(container.LogConfiguration),
                Tty = container.PseudoTerminal ?? false,
                OpenStdin = container.Interactive ?? false,
                SecurityOptions = container.DockerSecurityOptions ?? [],
                Sysctls = LastWins(container.SystemControls, s => s.Namespace, s => s.Value ?? ""),
            };
        }

        /// <summary>Docker's driver as given; awslogs containers log to json-file, which the agent reads and ships itself
        /// (there is no Docker awslogs driver talking to Berth, and json-file keeps what is not shipped yet on disk), rotated
        /// so that a long-lived container's file does not grow without bound once its lines are shipped.</summary>
        private static Docker.LogConfiguration? LogConfiguration(Ecs.LogConfiguration? log) => log switch
        {
            null => null,
            { LogDriver: AwsLogsOptions.Driver } => new Docker.LogConfiguration { Driver = "json-file", Options = AwsLogsRotation },
            _ => new Docker.LogConfiguration { Driver = log.LogDriver!, Options = log.Options ?? [] },
        };

        /// <summary>At most 5 files of 10 MB: enough to ride out a long control-plane outage without losing unshipped lines.</summary>
        private static readonly IReadOnlyDictionary<string, string> AwsLogsRotation =
            new Dictionary<string, string> { ["max-size"] = "10m", ["max-file"] = "5" };

        /// <summary>Bridge: the given host port, or a dynamic one for 0/absent; host: the container port itself.</summary>
        private Docker.PortMapping Port(Ecs.PortMapping port) => new()
        {
            ContainerPort = port.ContainerPort!.Value,
            Protocol = port.Protocol ?? "tcp",
            HostPort = networkMode == NetworkModes.Host ? port.ContainerPort : port.HostPort is 0 ? null : port.HostPort,
        };

        private ContainerMount Mount(Ecs.MountPoint mount) => new()
        {
            Source = VolumeSource(volumes[mount.SourceVolume!]),
            Target = mount.ContainerPath!,
            ReadOnly = mount.ReadOnly ?? false,
        };

        /// <summary>The Docker volumes this task alone uses: neither a host path nor shared.</summary>
        public ImmutableArray<string> TaskVolumes() =>
            [.. volumes.Values.Where(v => v.Host?.SourcePath is null && v.DockerVolumeConfiguration?.Scope != "shared").Select(VolumeSource)];

        /// <summary>A host path for host.sourcePath; the volume's own name for a shared Docker volume; otherwise a Docker
        /// volume of this task alone, named after the task so a restarted agent finds it again.</summary>
        private string VolumeSource(Ecs.Volume volume) => volume switch
        {
            { Host.SourcePath: { } path } => path,
            { DockerVolumeConfiguration.Scope: "shared" } => volume.Name!,
            _ => $"ecs-{definition.Family}-{definition.Revision}-{volume.Name}-{task.TaskArn![(task.TaskArn!.LastIndexOf('/') + 1)..]}",
        };

        /// <summary>Name → value pairs where a repeated name keeps its last value (as Docker's CLI does), unnamed entries
        /// skipped.</summary>
        private static ImmutableDictionary<string, string> LastWins<T>(IEnumerable<T>? entries, Func<T, string?> name, Func<T, string> value)
        {
            var result = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            foreach (var entry in entries ?? [])
            {
                if (name(entry) is { } key)
                {
                    result[key] = value(entry);
                }
            }
            return result.ToImmutable();
        }

        private static string TmpfsOptions(Ecs.Tmpfs tmpfs) =>
            string.Join(',', (tmpfs.MountOptions ?? []).Append($"size={tmpfs.Size}m"));

        private static HealthCheckSpec HealthCheck(Ecs.HealthCheck health) => new()
        {
            Test = health.Command!,
            Interval = Seconds(health.Interval),
            Timeout = Seconds(health.Timeout),
            Retries = health.Retries,
            StartPeriod = Seconds(health.StartPeriod),
        };
    }
}

/// <summary>A task uses fields the agent cannot run; the messages name them.</summary>
public sealed class UnsupportedTaskException(IReadOnlyList<string> problems)
    : Exception(string.Join(" ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
