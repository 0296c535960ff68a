using System.Globalization;
using Berth.Aws.Generated.Ecs;
using Berth.Domain;

namespace Berth.ControlPlane.Ecs.TaskDefinitions;

/// <summary>Turns a validated registration into the revision ECS stores: defaults filled in as ECS fills them, sizes as
/// numbers, the launch types it satisfies and the instance attributes it needs.</summary>
public static class TaskDefinitionFactory
{
    public static TaskDefinition Create(
        RegisterTaskDefinitionRequest request, TaskResources resources, ResourceScope scope, int revision, string registeredBy, DateTimeOffset now)
    {
        var networkMode = request.NetworkMode ?? NetworkMode.Bridge;
        var containers = request.ContainerDefinitions!.Select(c => Normalize(c, networkMode)).ToList();
        var definition = new TaskDefinition
        {
            TaskDefinitionArn = EcsArns.TaskDefinition(scope, request.Family!, revision),
            Family = request.Family,
            Revision = revision,
            ContainerDefinitions = containers,
            TaskRoleArn = request.TaskRoleArn,
            ExecutionRoleArn = request.ExecutionRoleArn,
            NetworkMode = request.NetworkMode,
            Volumes = request.Volumes ?? [],
            PlacementConstraints = request.PlacementConstraints ?? [],
            RequiresCompatibilities = request.RequiresCompatibilities,
            Cpu = resources.Cpu?.ToString(CultureInfo.InvariantCulture),
            Memory = resources.Memory?.ToString(CultureInfo.InvariantCulture),
            PidMode = request.PidMode,
            IpcMode = request.IpcMode,
            ProxyConfiguration = request.ProxyConfiguration,
            InferenceAccelerators = request.InferenceAccelerators,
            EphemeralStorage = request.EphemeralStorage,
            RuntimePlatform = request.RuntimePlatform,
            EnableFaultInjection = request.EnableFaultInjection,
            Status = TaskDefinitionStatus.Active,
            RegisteredAt = now,
            RegisteredBy = registeredBy,
        };
        return definition with
        {
            Compatibilities = Compatibilities(definition, resources),
            RequiresAttributes = RequiredAttributes.Of(definition),
        };
    }

    /// <summary>ECS echoes every container with cpu 0, essential true, tcp ports and empty lists where nothing was given;
    /// in host and awsvpc mode the host port is the container port.</summary>
    private static ContainerDefinition Normalize(ContainerDefinition container, string networkMode) => container with
    {
        Cpu = container.Cpu ?? 0,
        Essential = container.Essential ?? true,
        PortMappings = (container.PortMappings ?? []).Select(p => p with
        {
            Protocol = p.Protocol ?? TransportProtocol.Tcp,
            HostPort = networkMode is NetworkMode.Awsvpc or NetworkMode.Host && p.ContainerPort is not null ? p.ContainerPort : p.HostPort,
        }).ToList(),
        Environment = container.Environment ?? [],
        MountPoints = container.MountPoints ?? [],
        VolumesFrom = container.VolumesFrom ?? [],
        SystemControls = container.SystemControls ?? [],
    };

    /// <summary>The launch types the definition validates for: EXTERNAL (not with awsvpc), EC2, and FARGATE when it meets Fargate's rules.</summary>
    private static List<string> Compatibilities(TaskDefinition definition, TaskResources resources)
    {
        var awsvpc = definition.NetworkMode == NetworkMode.Awsvpc;
        var fargate = awsvpc
            && resources is { Cpu: { } cpu, Memory: { } memory } && FargateSizes.IsValid(cpu, memory)
            && definition.ContainerDefinitions!.All(c => c.Links is not { Count: > 0 } && c.StopTimeout is not > 120
                && (c.LogConfiguration?.LogDriver != LogDriver.Awslogs || definition.ExecutionRoleArn is not null));
        var result = new List<string>();
        if (!awsvpc)
        {
            result.Add(Compatibility.External);
        }

        result.Add(Compatibility.Ec2);
        if (fargate)
        {
            result.Add(Compatibility.Fargate);
        }

        return result;
    }
}
