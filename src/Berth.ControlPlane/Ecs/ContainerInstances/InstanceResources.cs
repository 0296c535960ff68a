using System.Globalization;
using Berth.Aws.Generated.Ecs;

namespace Berth.ControlPlane.Ecs.ContainerInstances;

/// <summary>The resources an agent registers (CPU and MEMORY as INTEGER, PORTS and PORTS_UDP as STRINGSET), checked and put
/// in the wire shape ECS answers with: every value member present, the unused ones zero.</summary>
public static class InstanceResources
{
    public const string Cpu = "CPU";
    public const string Memory = "MEMORY";
    public const string Ports = "PORTS";
    public const string PortsUdp = "PORTS_UDP";
    public const string Gpu = "GPU";
    public const string Integer = "INTEGER";
    public const string StringSet = "STRINGSET";

    /// <summary>CPU and MEMORY are required: ECS cannot place anything on an instance of unknown size. PORTS and PORTS_UDP
    /// (the host's reserved ports) default to empty, so placement always finds all four; GPU is kept only when registered.</summary>
    public static List<Resource> Validate(IReadOnlyCollection<Resource>? totalResources)
    {
        var given = new Dictionary<string, Resource>(StringComparer.Ordinal);
        foreach (var resource in totalResources ?? [])
        {
            if (resource.Name is not (Cpu or Memory or Ports or PortsUdp or Gpu))
            {
                throw ContainerInstanceErrors.ResourceUnknown(resource.Name);
            }

            if (!given.TryAdd(resource.Name, resource))
            {
                throw ContainerInstanceErrors.ResourceDuplicate(resource.Name);
            }
        }

        return
        [
            IntegerResource(Cpu, given.GetValueOrDefault(Cpu)),
            IntegerResource(Memory, given.GetValueOrDefault(Memory)),
            PortsResource(Ports, given.GetValueOrDefault(Ports)),
            PortsResource(PortsUdp, given.GetValueOrDefault(PortsUdp)),
            .. given.TryGetValue(Gpu, out var gpus) ? [GpuResource(gpus)] : Array.Empty<Resource>(),
        ];
    }

    /// <summary>GPU lists what is free (the ids of the instance's GPUs not given to a task), where PORTS lists what is taken,
    /// as ECS reports them; the two kinds of set move in opposite directions when a task is placed.</summary>
    public static bool ListsFree(Resource resource) => resource.Name == Gpu;

    /// <summary>The ids of the instance's GPUs that no task holds, in the order they were registered.</summary>
    public static List<string> FreeGpus(ContainerInstance instance) =>
        instance.RemainingResources?.FirstOrDefault(r => r.Name == Gpu)?.StringSetValue ?? [];

    /// <summary>GPU, when registered, is the set of the instance's GPU ids (non-empty, each once).</summary>
    private static Resource GpuResource(Resource resource)
    {
        if (resource.Type != StringSet)
        {
            throw ContainerInstanceErrors.ResourceType(Gpu, StringSet, "stringSetValue");
        }

        var ids = resource.StringSetValue ?? [];
        return ids.Any(string.IsNullOrWhiteSpace)
            ? throw EcsErrors.InvalidParameter("Resource GPU must list non-empty GPU ids.")
            : StringSetOf(Gpu, ids.Distinct(StringComparer.Ordinal).ToList());
    }

    public static Resource IntegerOf(string name, int value) =>
        new() { Name = name, Type = Integer, IntegerValue = value, LongValue = 0, DoubleValue = 0 };

    public static Resource StringSetOf(string name, List<string> values) =>
        new() { Name = name, Type = StringSet, StringSetValue = values, IntegerValue = 0, LongValue = 0, DoubleValue = 0 };

    private static Resource IntegerResource(string name, Resource? resource)
    {
        if (resource is null)
        {
            throw ContainerInstanceErrors.ResourceMissing(name);
        }

        if (resource.Type != Integer || resource.IntegerValue is not { } value)
        {
            throw ContainerInstanceErrors.ResourceType(name, Integer, "integerValue");
        }

        return value >= 0 ? IntegerOf(name, value) : throw ContainerInstanceErrors.ResourceNegative(name);
    }

    private static Resource PortsResource(string name, Resource? resource)
    {
        if (resource is null)
        {
            return StringSetOf(name, []);
        }

        if (resource.Type != StringSet)
        {
            throw ContainerInstanceErrors.ResourceType(name, StringSet, "stringSetValue");
        }

        var ports = new List<string>();
        foreach (var text in resource.StringSetValue ?? [])
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                throw ContainerInstanceErrors.Port(name, text);
            }

            var canonical = port.ToString(CultureInfo.InvariantCulture);
            if (!ports.Contains(canonical))
            {
                ports.Add(canonical);
            }
        }

        return StringSetOf(name, ports);
    }
}
