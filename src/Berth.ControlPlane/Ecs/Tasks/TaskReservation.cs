using System.Globalization;
using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.ContainerInstances;
using Berth.ControlPlane.Ecs.TaskDefinitions;
using Berth.ControlPlane.Placement.Engine;
using EcsTask = Berth.Aws.Generated.Ecs.Task;

namespace Berth.ControlPlane.Ecs.Tasks;

/// <summary>What a task takes from its instance: the task-level CPU units and memory MiB when the definition sets them, else
/// the sum over its containers (memoryReservation, or memory when there is no reservation), its static host ports, and its
/// GPUs: a count from the definition, and once placed the ids of the instance's GPUs its containers were given.</summary>
public sealed record TaskReservation(int Cpu, int Memory, List<string> TcpPorts, List<string> UdpPorts, int Gpus = 0, List<string>? GpuIds = null)
{
    public static TaskReservation Of(TaskDefinition definition)
    {
        var size = TaskResources.Parse(definition.Cpu, definition.Memory);
        var containers = definition.ContainerDefinitions ?? [];
        var mappings = containers.SelectMany(c => c.PortMappings ?? []).ToList();
        return new TaskReservation(
            size.Cpu ?? containers.Sum(c => c.Cpu ?? 0),
            size.Memory ?? containers.Sum(c => c.MemoryReservation ?? c.Memory ?? 0),
            StaticPorts(definition.NetworkMode, mappings.Where(m => m.Protocol != TransportProtocol.Udp)),
            StaticPorts(definition.NetworkMode, mappings.Where(m => m.Protocol == TransportProtocol.Udp)),
            containers.Sum(GpusOf));
    }

    /// <summary>The GPUs a container asks for (resourceRequirements of type GPU; registration checked the value).</summary>
    public static int GpusOf(ContainerDefinition container) =>
        (container.ResourceRequirements ?? []).Where(r => r.Type == ResourceType.Gpu).Sum(r => int.Parse(r.Value!, CultureInfo.InvariantCulture));

    /// <summary>The reservation of a placed task, with the GPU ids its containers hold.</summary>
    public TaskReservation Of(EcsTask task) => this with { GpuIds = (task.Containers ?? []).SelectMany(c => c.GpuIds ?? []).ToList() };

    /// <summary>What placement needs to know of each task: this reservation and the attributes the definition requires.</summary>
    public TaskDemand Demand(TaskDefinition definition) =>
        new(Cpu, Memory, Gpus, TcpPorts, UdpPorts, (definition.RequiresAttributes ?? []).Select(a => a.Name!).ToList());

    /// <summary>The reservation as the instance resources it takes, the shape remainingResources is computed in.</summary>
    public List<Resource> Resources() =>
    [
        InstanceResources.IntegerOf(InstanceResources.Cpu, Cpu),
        InstanceResources.IntegerOf(InstanceResources.Memory, Memory),
        InstanceResources.StringSetOf(InstanceResources.Ports, TcpPorts),
        InstanceResources.StringSetOf(InstanceResources.PortsUdp, UdpPorts),
        .. GpuIds is { Count: > 0 } ? [InstanceResources.StringSetOf(InstanceResources.Gpu, GpuIds)] : Array.Empty<Resource>(),
    ];

    /// <summary>Host ports a mapping pins: in host mode the container port itself; in bridge mode a non-zero hostPort (0 or
    /// none is a dynamic port, which reserves nothing); awsvpc tasks bind no host ports.</summary>
    private static List<string> StaticPorts(string? networkMode, IEnumerable<PortMapping> mappings) =>
        networkMode == NetworkMode.Awsvpc || networkMode == NetworkMode.None
            ? []
            : mappings
                .Select(m => networkMode == NetworkMode.Host ? m.HostPort ?? m.ContainerPort : m.HostPort)
                .Where(p => p is > 0)
                .Select(p => p!.Value.ToString(CultureInfo.InvariantCulture))
                .Distinct(StringComparer.Ordinal)
                .ToList();
}
