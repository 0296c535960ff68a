using System.Text.RegularExpressions;
using Berth.Aws.Generated.Ecs;

namespace Berth.AgentProtocol;

/// <summary>What of a task definition the agent can run: RunTask refuses the rest up front and the agent fails such a task,
/// so an unsupported field is never silently ignored. The table of honoured, ignored and unsupported members is in
/// <c>src/Berth.Agent/Launch/README.md</c>.</summary>
public static class RunnableTaskDefinition
{
    /// <summary>Network mode of a definition that names none (the ECS default for Linux on EC2).</summary>
    public const string DefaultNetworkMode = "bridge";

    /// <summary>Log drivers the agent passes to Docker as they are, and awslogs, which the agent ships itself.</summary>
    private static readonly IReadOnlySet<string> LogDrivers =
        new HashSet<string>(StringComparer.Ordinal) { "json-file", "none", "local", AwsLogsOptions.Driver };

    /// <summary>ECS dependsOn conditions (ContainerCondition), spelled as on the wire.</summary>
    private static readonly IReadOnlySet<string> DependencyConditions =
        new HashSet<string>(StringComparer.Ordinal) { "START", "COMPLETE", "SUCCESS", "HEALTHY" };

    private static readonly IReadOnlySet<string> NetworkModes = new HashSet<string>(StringComparer.Ordinal) { "bridge", "host", "none" };

    /// <summary>One message per unsupported field in use, naming it; empty when the agent can run the definition.</summary>
    public static IReadOnlyList<string> Unsupported(TaskDefinition definition)
    {
        var problems = new List<string>();
        var task = new Scope("Task definition", problems);
        task.Require(definition.Family is not null, "family");
        task.Require(definition.Revision is not null, "revision");
        var networkMode = definition.NetworkMode ?? DefaultNetworkMode;
        task.RefuseIf(!NetworkModes.Contains(networkMode), $"networkMode {networkMode}");
        task.RefuseIf(definition.PidMode is not null, "pidMode");
        task.RefuseIf(definition.IpcMode is not null, "ipcMode");
        task.RefuseIf(definition.ProxyConfiguration is not null, "proxyConfiguration");
        task.RefuseIf(definition.InferenceAccelerators is { Count: > 0 }, "inferenceAccelerators");
        task.RefuseIf(definition.EnableFaultInjection == true, "enableFaultInjection");
        var volumes = CheckVolumes(definition.Volumes ?? [], task);

        var containers = definition.ContainerDefinitions ?? [];
        task.Require(containers.Count > 0, "containerDefinitions");
        var names = containers.Select(c => c.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var name in Duplicates(containers.Select(c => c.Name)))
        {
            task.Invalid(true, $"container name {name} is used twice");
        }
        foreach (var container in containers)
        {
            CheckContainer(container, new Scope($"Container {container.Name}", problems), networkMode, volumes, names);
        }
        return problems;
    }

    /// <summary>One message per unsupported override in use; empty when the agent can apply them. Honoured: per container
    /// command, environment, cpu, memory and memoryReservation; the task's cpu and memory (its reservation, as the definition's
    /// task size) and its roles (accepted as in the definition, without effect until IAM).</summary>
    public static IReadOnlyList<string> UnsupportedOverrides(TaskOverride? overrides, TaskDefinition definition)
    {
        var problems = new List<string>();
        if (overrides is null)
        {
            return problems;
        }
        var task = new Scope("Task overrides", problems);
        task.RefuseIf(overrides.EphemeralStorage is not null, "ephemeralStorage");
        task.RefuseIf(overrides.InferenceAcceleratorOverrides is { Count: > 0 }, "inferenceAcceleratorOverrides");
        var names = (definition.ContainerDefinitions ?? []).Select(c => c.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var name in Duplicates((overrides.ContainerOverrides ?? []).Select(c => c.Name)))
        {
            task.Invalid(true, $"container {name} is overridden twice");
        }
        foreach (var container in overrides.ContainerOverrides ?? [])
        {
            var scope = new Scope($"Override of container {container.Name}", problems);
            scope.Invalid(container.Name is null || !names.Contains(container.Name), "names no container of the task definition");
            scope.RefuseIf(container.EnvironmentFiles is { Count: > 0 }, "environmentFiles");
            scope.RefuseIf(container.ResourceRequirements is { Count: > 0 }, "resourceRequirements");
        }
        return problems;
    }

    /// <summary>The task's volumes the agent can provide, by name, after reporting the others.</summary>
    private static HashSet<string> CheckVolumes(List<Volume> volumes, Scope task)
    {
        var usable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in Duplicates(volumes.Select(v => v.Name)))
        {
            task.Invalid(true, $"volume name {name} is used twice");
        }
        foreach (var volume in volumes)
        {
            var scope = task with { Subject = $"Volume {volume.Name}" };
            scope.Require(volume.Name is not null, "name");
            scope.RefuseIf(volume.EfsVolumeConfiguration is not null, "efsVolumeConfiguration");
            scope.RefuseIf(volume.FsxWindowsFileServerVolumeConfiguration is not null, "fsxWindowsFileServerVolumeConfiguration");
            scope.RefuseIf(volume.S3filesVolumeConfiguration is not null, "s3filesVolumeConfiguration");
            scope.RefuseIf(volume.ConfiguredAtLaunch == true, "configuredAtLaunch");
            if (volume.DockerVolumeConfiguration is { } docker)
            {
                scope.Invalid(volume.Host is not null, "has both host and dockerVolumeConfiguration");
                scope.RefuseIf(docker.Scope is not (null or "task" or "shared"), $"dockerVolumeConfiguration scope {docker.Scope}");
                scope.RefuseIf(docker.Driver is not (null or "local"), $"dockerVolumeConfiguration driver {docker.Driver}");
                scope.RefuseIf(docker.DriverOpts is { Count: > 0 }, "dockerVolumeConfiguration driverOpts");
                scope.RefuseIf(docker.Labels is { Count: > 0 }, "dockerVolumeConfiguration labels");
            }
            if (volume.Name is not null)
            {
                usable.Add(volume.Name);
            }
        }
        return usable;
    }

    private static void CheckContainer(ContainerDefinition container, Scope scope, string networkMode,
        HashSet<string> volumes, HashSet<string> containers)
    {
        scope.Require(container.Name is not null, "name");
        scope.Require(!string.IsNullOrEmpty(container.Image), "image");
        scope.RefuseIf(container.RepositoryCredentials is not null, "repositoryCredentials");
        scope.RefuseIf(container.Secrets is { Count: > 0 }, "secrets");
        scope.RefuseIf(container.EnvironmentFiles is { Count: > 0 }, "environmentFiles");
        scope.RefuseIf(container.ResourceRequirements?.Any(r => r.Type != ResourceType.Gpu) == true, "resourceRequirements");
        scope.RefuseIf(container.FirelensConfiguration is not null, "firelensConfiguration");
        scope.RefuseIf(container.CredentialSpecs is { Count: > 0 }, "credentialSpecs");
        scope.RefuseIf(container.RestartPolicy?.Enabled == true, "restartPolicy");
        scope.RefuseIf(container.DisableNetworking == true, "disableNetworking");
        CheckLinuxParameters(container.LinuxParameters, scope);
        CheckLogConfiguration(container.LogConfiguration, scope);
        CheckPorts(container.PortMappings ?? [], scope, networkMode);
        scope.Invalid(container.Links is { Count: > 0 } && networkMode != DefaultNetworkMode,
            $"links need the bridge network mode, not {networkMode}");
        foreach (var link in container.Links ?? [])
        {
            var target = link.Split(':')[0];
            scope.Invalid(!containers.Contains(target), $"links names container {target}, which the task definition does not define");
        }
        foreach (var from in container.VolumesFrom ?? [])
        {
            scope.Invalid(from.SourceContainer is null || !containers.Contains(from.SourceContainer),
                $"volumesFrom names container {from.SourceContainer}, which the task definition does not define");
        }
        foreach (var mount in container.MountPoints ?? [])
        {
            scope.Invalid(mount.SourceVolume is null || !volumes.Contains(mount.SourceVolume),
                $"mountPoints names volume {mount.SourceVolume}, which the task definition does not define");
            scope.Invalid(mount.ContainerPath is null, "mountPoints needs a containerPath");
        }
        foreach (var dependency in container.DependsOn ?? [])
        {
            scope.Invalid(dependency.ContainerName is null, "dependsOn needs a containerName");
            scope.Invalid(dependency.Condition is null || !DependencyConditions.Contains(dependency.Condition),
                $"dependsOn condition {dependency.Condition} is not one of START, COMPLETE, SUCCESS, HEALTHY");
        }
        scope.Invalid((container.Ulimits ?? []).Any(u => u.Name is null || u.SoftLimit is null || u.HardLimit is null),
            "ulimits need name, softLimit and hardLimit");
        scope.Invalid((container.ExtraHosts ?? []).Any(h => h.Hostname is null || h.IpAddress is null),
            "extraHosts need hostname and ipAddress");
        if (container.HealthCheck is { } health)
        {
            scope.Invalid(health.Command is not [("CMD" or "CMD-SHELL"), _, ..],
                "healthCheck command must start with CMD or CMD-SHELL followed by the command");
        }
    }

    private static void CheckLinuxParameters(LinuxParameters? linux, Scope scope)
    {
        scope.RefuseIf(linux?.Devices is { Count: > 0 }, "linuxParameters devices");
        scope.RefuseIf(linux?.MaxSwap is not null, "linuxParameters maxSwap");
        scope.RefuseIf(linux?.Swappiness is not null, "linuxParameters swappiness");
        foreach (var tmpfs in linux?.Tmpfs ?? [])
        {
            scope.Invalid(tmpfs.ContainerPath is null || tmpfs.Size is null, "linuxParameters tmpfs needs containerPath and size");
        }
    }

    private static void CheckLogConfiguration(LogConfiguration? log, Scope scope)
    {
        if (log is null)
        {
            return;
        }
        scope.RefuseIf(log.LogDriver is null || !LogDrivers.Contains(log.LogDriver), $"logConfiguration logDriver {log.LogDriver}");
        scope.RefuseIf(log.SecretOptions is { Count: > 0 }, "logConfiguration secretOptions");
        if (log.LogDriver == AwsLogsOptions.Driver)
        {
            CheckAwsLogs(log.Options ?? [], scope);
        }
    }

    /// <summary>The awslogs options as ECS checks them: group and region required, one way to start multi-line events, a
    /// known mode and a readable buffer size; options the agent does not honour are refused.</summary>
    private static void CheckAwsLogs(Dictionary<string, string> options, Scope scope)
    {
        foreach (var name in options.Keys.Where(n => !AwsLogsOptions.Known.Contains(n)).Order(StringComparer.Ordinal))
        {
            scope.RefuseIf(true, $"logConfiguration option {name}");
        }
        scope.Require(!string.IsNullOrEmpty(options.GetValueOrDefault(AwsLogsOptions.Group)), $"logConfiguration option {AwsLogsOptions.Group}");
        scope.Require(!string.IsNullOrEmpty(options.GetValueOrDefault(AwsLogsOptions.Region)), $"logConfiguration option {AwsLogsOptions.Region}");
        scope.Invalid(options.ContainsKey(AwsLogsOptions.DatetimeFormat) && options.ContainsKey(AwsLogsOptions.MultilinePattern),
            $"logConfiguration options {AwsLogsOptions.DatetimeFormat} and {AwsLogsOptions.MultilinePattern} cannot be used together");
        var mode = options.GetValueOrDefault(AwsLogsOptions.Mode);
        scope.Invalid(mode is not (null or AwsLogsOptions.Blocking or AwsLogsOptions.NonBlocking),
            $"logConfiguration option mode {mode} is not {AwsLogsOptions.Blocking} or {AwsLogsOptions.NonBlocking}");
        var size = options.GetValueOrDefault(AwsLogsOptions.MaxBufferSize);
        scope.Invalid(size is not null && AwsLogsOptions.ParseSize(size) is null,
            $"logConfiguration option {AwsLogsOptions.MaxBufferSize} {size} is not a size such as 1m or 512k");
        var createGroup = options.GetValueOrDefault(AwsLogsOptions.CreateGroup);
        scope.Invalid(createGroup is not (null or "true" or "false"),
            $"logConfiguration option {AwsLogsOptions.CreateGroup} {createGroup} is not true or false");
        var pattern = options.GetValueOrDefault(AwsLogsOptions.MultilinePattern);
        scope.Invalid(pattern is not null && !IsRegex(pattern),
            $"logConfiguration option {AwsLogsOptions.MultilinePattern} {pattern} is not a valid regular expression");
    }

    private static bool IsRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void CheckPorts(List<PortMapping> ports, Scope scope, string networkMode)
    {
        scope.Invalid(ports.Count > 0 && networkMode == "none", "portMappings need a network, not network mode none");
        foreach (var port in ports)
        {
            scope.RefuseIf(port.ContainerPortRange is not null, "portMappings containerPortRange");
            scope.Invalid(port.ContainerPort is null && port.ContainerPortRange is null, "portMappings needs a containerPort");
            scope.Invalid(port.Protocol is not (null or "tcp" or "udp"), $"portMappings protocol {port.Protocol} is not tcp or udp");
            scope.Invalid(networkMode == "host" && port.HostPort is not (null or 0) && port.HostPort != port.ContainerPort,
                $"portMappings hostPort {port.HostPort} must equal containerPort {port.ContainerPort} in host network mode");
        }
    }

    /// <summary>Names given more than once (the translation keys containers, volumes and overrides by name).</summary>
    private static IEnumerable<string> Duplicates(IEnumerable<string?> names) =>
        names.OfType<string>().GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);

    /// <summary>Collects problems about one subject (the task definition, a volume, a container) in a single wording.</summary>
    private sealed record Scope(string Subject, List<string> Problems)
    {
        /// <summary>A field Berth does not honour yet is in use.</summary>
        public void RefuseIf(bool inUse, string field)
        {
            if (inUse)
            {
                Problems.Add($"{Subject}: {field} is not supported yet by Berth.");
            }
        }

        /// <summary>A field ECS requires is missing.</summary>
        public void Require(bool present, string field)
        {
            if (!present)
            {
                Problems.Add($"{Subject}: {field} is required.");
            }
        }

        /// <summary>The definition contradicts itself or ECS's rules.</summary>
        public void Invalid(bool invalid, string problem)
        {
            if (invalid)
            {
                Problems.Add($"{Subject}: {problem}.");
            }
        }
    }
}
