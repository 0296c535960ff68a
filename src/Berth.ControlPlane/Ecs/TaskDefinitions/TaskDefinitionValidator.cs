using System.Globalization;
using System.Text.RegularExpressions;
using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Placement;

namespace Berth.ControlPlane.Ecs.TaskDefinitions;

/// <summary>ECS's rules for RegisterTaskDefinition beyond the model's shape: names, essential containers, memory per launch
/// type, Fargate sizes and network mode, port mappings per network mode, and references between containers and volumes.</summary>
/// <remarks>Each rule throws ClientException with a message that names the container or field, as ECS does.</remarks>
public static partial class TaskDefinitionValidator
{
    public const int MaxContainers = 10;

    /// <summary>Docker refuses a hard memory limit below this.</summary>
    public const int MinContainerMemoryMiB = 6;

    public static void Validate(RegisterTaskDefinitionRequest request, TaskResources resources)
    {
        if (!NamePattern().IsMatch(request.Family!))
        {
            throw EcsErrors.Client("Family contains invalid characters: up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.");
        }

        var containers = request.ContainerDefinitions!;
        if (containers.Count == 0)
        {
            throw EcsErrors.Client("Container list cannot be empty.");
        }

        if (containers.Count > MaxContainers)
        {
            throw EcsErrors.Client($"Too many containers: a task definition can have at most {MaxContainers}.");
        }

        var names = ValidateContainerNames(containers);
        if (!containers.Any(c => c.Essential ?? true))
        {
            throw EcsErrors.Client("A task definition must have at least one essential container.");
        }

        var networkMode = request.NetworkMode ?? NetworkMode.Bridge;
        var compatibilities = request.RequiresCompatibilities ?? [];
        if (compatibilities.Contains(Compatibility.Fargate))
        {
            ValidateFargate(request, resources, networkMode);
        }

        if (compatibilities.Count == 0 || compatibilities.Any(c => c != Compatibility.Fargate))
        {
            ValidateContainerMemoryPresent(containers, resources);
        }

        ValidateSums(containers, resources);
        PlacementRulesReader.CheckDefinitionConstraints(request.PlacementConstraints);
        var volumes = ValidateVolumes(request.Volumes);
        foreach (var container in containers)
        {
            ValidateContainerMemory(container);
            ValidatePortMappings(container, networkMode);
            ValidateReferences(container, names, volumes, containers, networkMode);
            ValidateHealthCheck(container);
            ValidateGpus(container);
        }

        ValidateHostPortsUnique(containers);
    }

    private static HashSet<string> ValidateContainerNames(List<ContainerDefinition> containers)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var container in containers)
        {
            if (string.IsNullOrEmpty(container.Name))
            {
                throw EcsErrors.Client("Container.name should not be null or empty.");
            }

            if (!NamePattern().IsMatch(container.Name))
            {
                throw EcsErrors.Client($"Container name '{container.Name}' contains invalid characters: up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.");
            }

            if (string.IsNullOrWhiteSpace(container.Image))
            {
                throw EcsErrors.Client($"Container.image should not be null or empty (container '{container.Name}').");
            }

            if (!names.Add(container.Name))
            {
                throw EcsErrors.Client($"Duplicate container name found: '{container.Name}'. Container names must be unique within a task definition.");
            }
        }

        return names;
    }

    private static void ValidateFargate(RegisterTaskDefinitionRequest request, TaskResources resources, string networkMode)
    {
        if (networkMode != NetworkMode.Awsvpc)
        {
            throw EcsErrors.Client("Fargate only supports network mode \u2018awsvpc\u2019.");
        }

        if (resources.Cpu is not { } cpu)
        {
            throw EcsErrors.Client("Fargate requires that 'cpu' be defined at the task level.");
        }

        if (resources.Memory is not { } memory)
        {
            throw EcsErrors.Client("Fargate requires that 'memory' be defined at the task level.");
        }

        if (!FargateSizes.IsValid(cpu, memory))
        {
            throw EcsErrors.Client($"No Fargate configuration exists for given values: {cpu} CPU, {memory} memory. See the Amazon ECS documentation for the valid values.");
        }

        foreach (var container in request.ContainerDefinitions!)
        {
            if (container.LogConfiguration?.LogDriver == LogDriver.Awslogs && request.ExecutionRoleArn is null)
            {
                throw EcsErrors.Client("Fargate requires task definition to have execution role ARN to support log driver awslogs.");
            }

            if (container.StopTimeout is > 120)
            {
                throw EcsErrors.Client($"Invalid 'stopTimeout' setting for container '{container.Name}': Fargate allows at most 120 seconds.");
            }

            if (container.Links is { Count: > 0 })
            {
                throw EcsErrors.Client($"Links are not supported for network mode 'awsvpc' (container '{container.Name}').");
            }
        }
    }

    /// <summary>On EC2 and EXTERNAL, without task-level memory every container must declare how much it needs.</summary>
    private static void ValidateContainerMemoryPresent(List<ContainerDefinition> containers, TaskResources resources)
    {
        if (resources.Memory is not null)
        {
            return;
        }

        foreach (var container in containers)
        {
            if (container.Memory is null or 0 && container.MemoryReservation is null or 0)
            {
                throw EcsErrors.Client($"Invalid setting for container '{container.Name}'. At least one of 'memory' or 'memoryReservation' must be specified.");
            }
        }
    }

    private static void ValidateContainerMemory(ContainerDefinition container)
    {
        if (container.Memory is { } memory && memory < MinContainerMemoryMiB)
        {
            throw EcsErrors.Client($"Invalid 'memory' setting for container '{container.Name}'. The minimum is {MinContainerMemoryMiB} MiB.");
        }

        if (container.MemoryReservation is < 0 || container.Cpu is < 0)
        {
            throw EcsErrors.Client($"Invalid setting for container '{container.Name}'. 'cpu' and 'memoryReservation' cannot be negative.");
        }

        if (container.Memory is { } hard && container.MemoryReservation is { } soft && hard < soft)
        {
            throw EcsErrors.Client($"Invalid setting for container '{container.Name}'. 'memory' must be greater than or equal to 'memoryReservation'.");
        }
    }

    /// <summary>Containers cannot ask for more than the task reserves.</summary>
    private static void ValidateSums(List<ContainerDefinition> containers, TaskResources resources)
    {
        if (resources.Cpu is { } cpu && containers.Sum(c => (long)(c.Cpu ?? 0)) > cpu)
        {
            throw EcsErrors.Client($"Invalid 'cpu' setting for task. The sum of the containers' cpu ({containers.Sum(c => (long)(c.Cpu ?? 0))}) exceeds the task cpu ({cpu}).");
        }

        if (resources.Memory is { } memory)
        {
            foreach (var container in containers)
            {
                if (Math.Max(container.Memory ?? 0, container.MemoryReservation ?? 0) > memory)
                {
                    throw EcsErrors.Client($"Invalid setting for container '{container.Name}'. Its memory exceeds the task memory ({memory} MiB).");
                }
            }
        }
    }

    private static void ValidatePortMappings(ContainerDefinition container, string networkMode)
    {
        var mappings = container.PortMappings ?? [];
        if (mappings.Count > 0 && networkMode == NetworkMode.None)
        {
            throw EcsErrors.Client($"Port mappings are not allowed for network mode 'none' (container '{container.Name}').");
        }

        var seen = new HashSet<(int, string)>();
        foreach (var mapping in mappings)
        {
            if (mapping.ContainerPort is null && mapping.ContainerPortRange is null)
            {
                throw EcsErrors.Client($"Invalid port mapping for container '{container.Name}': containerPort or containerPortRange is required.");
            }

            if (mapping.ContainerPort is { } port && port is < 1 or > 65535 || mapping.HostPort is < 0 or > 65535)
            {
                throw EcsErrors.Client($"Invalid port mapping for container '{container.Name}': ports must be between 1 and 65535.");
            }

            if (networkMode is NetworkMode.Awsvpc or NetworkMode.Host && mapping.HostPort is { } host && host != 0 && host != mapping.ContainerPort)
            {
                throw EcsErrors.Client($"When networkMode={networkMode}, the host ports and container ports in port mappings must match.");
            }

            if (mapping.ContainerPort is { } containerPort && !seen.Add((containerPort, mapping.Protocol ?? TransportProtocol.Tcp)))
            {
                throw EcsErrors.Client($"Container '{container.Name}' maps container port {containerPort}/{mapping.Protocol ?? TransportProtocol.Tcp} more than once.");
            }
        }
    }

    /// <summary>A static host port can be bound by only one mapping of the task.</summary>
    private static void ValidateHostPortsUnique(List<ContainerDefinition> containers)
    {
        var seen = new HashSet<(int, string)>();
        foreach (var mapping in containers.SelectMany(c => c.PortMappings ?? []))
        {
            if (mapping.HostPort is { } host && host != 0 && !seen.Add((host, mapping.Protocol ?? TransportProtocol.Tcp)))
            {
                throw EcsErrors.Client($"Host port {host}/{mapping.Protocol ?? TransportProtocol.Tcp} is mapped more than once in the task definition.");
            }
        }
    }

    private static HashSet<string> ValidateVolumes(List<Volume>? volumes)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var volume in volumes ?? [])
        {
            if (string.IsNullOrEmpty(volume.Name) || !NamePattern().IsMatch(volume.Name))
            {
                throw EcsErrors.Client($"Invalid volume name '{volume.Name}': up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.");
            }

            if (!names.Add(volume.Name))
            {
                throw EcsErrors.Client($"Duplicate volume name found: '{volume.Name}'.");
            }
        }

        return names;
    }

    private static void ValidateReferences(
        ContainerDefinition container, HashSet<string> containerNames, HashSet<string> volumes, List<ContainerDefinition> containers, string networkMode)
    {
        foreach (var mount in container.MountPoints ?? [])
        {
            if (mount.SourceVolume is null || !volumes.Contains(mount.SourceVolume))
            {
                throw EcsErrors.Client($"Invalid 'mountPoints' setting for container '{container.Name}'. The referenced volume '{mount.SourceVolume}' is not defined in the task definition.");
            }

            if (string.IsNullOrEmpty(mount.ContainerPath))
            {
                throw EcsErrors.Client($"Invalid 'mountPoints' setting for container '{container.Name}'. containerPath is required.");
            }
        }

        foreach (var source in container.VolumesFrom ?? [])
        {
            if (source.SourceContainer is null || !containerNames.Contains(source.SourceContainer) || source.SourceContainer == container.Name)
            {
                throw EcsErrors.Client($"Invalid 'volumesFrom' setting for container '{container.Name}'. '{source.SourceContainer}' is not another container of the task definition.");
            }
        }

        foreach (var dependency in container.DependsOn ?? [])
        {
            ValidateDependency(container, dependency, containers);
        }

        foreach (var link in container.Links ?? [])
        {
            if (networkMode != NetworkMode.Bridge)
            {
                throw EcsErrors.Client($"Links are only supported for network mode 'bridge' (container '{container.Name}').");
            }

            var target = link.Split(':')[0];
            if (!containerNames.Contains(target) || target == container.Name)
            {
                throw EcsErrors.Client($"Invalid 'links' setting for container '{container.Name}'. '{target}' is not another container of the task definition.");
            }
        }
    }

    private static void ValidateDependency(ContainerDefinition container, ContainerDependency dependency, List<ContainerDefinition> containers)
    {
        var target = containers.FirstOrDefault(c => c.Name == dependency.ContainerName);
        if (target is null || target == container)
        {
            throw EcsErrors.Client($"Invalid 'dependsOn' setting for container '{container.Name}'. '{dependency.ContainerName}' is not another container of the task definition.");
        }

        if (dependency.Condition is ContainerCondition.Complete or ContainerCondition.Success && (target.Essential ?? true))
        {
            throw EcsErrors.Client($"Invalid 'dependsOn' setting for container '{container.Name}'. Condition {dependency.Condition} cannot be used on the essential container '{target.Name}'.");
        }

        if (dependency.Condition == ContainerCondition.Healthy && target.HealthCheck is null)
        {
            throw EcsErrors.Client($"Invalid 'dependsOn' setting for container '{container.Name}'. Condition HEALTHY needs a healthCheck on container '{target.Name}'.");
        }
    }

    private static void ValidateHealthCheck(ContainerDefinition container)
    {
        if (container.HealthCheck is not { } check)
        {
            return;
        }

        if (check.Command is not { Count: > 0 })
        {
            throw EcsErrors.Client($"Invalid 'healthCheck' setting for container '{container.Name}'. command is required.");
        }

        InRange(container, "interval", check.Interval, 5, 300);
        InRange(container, "timeout", check.Timeout, 2, 60);
        InRange(container, "retries", check.Retries, 1, 10);
        InRange(container, "startPeriod", check.StartPeriod, 0, 300);
    }

    private static void InRange(ContainerDefinition container, string field, int? value, int min, int max)
    {
        if (value is { } v && (v < min || v > max))
        {
            throw EcsErrors.Client(string.Create(CultureInfo.InvariantCulture,
                $"Invalid 'healthCheck' setting for container '{container.Name}'. {field} must be between {min} and {max}."));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,255}$")]
    private static partial Regex NamePattern();

    /// <summary>A GPU requirement is a whole number of physical GPUs, at least one, and given once per container.</summary>
    private static void ValidateGpus(ContainerDefinition container)
    {
        var gpus = (container.ResourceRequirements ?? []).Where(r => r.Type == ResourceType.Gpu).ToList();
        if (gpus.Count > 1)
        {
            throw EcsErrors.Client($"Container {container.Name} has more than one GPU resource requirement.");
        }

        if (gpus is [{ } gpu] && !(int.TryParse(gpu.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1))
        {
            throw EcsErrors.Client($"The GPU resource requirement of container {container.Name} must be a whole number of GPUs of at least 1, not '{gpu.Value}'.");
        }
    }
}
