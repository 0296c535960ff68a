using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.TaskDefinitions;

namespace Berth.ControlPlane.Ecs.Tasks;

/// <summary>RunTask's overrides applied to the definition the task runs, so reservations and the task document see the
/// overridden sizes; command and environment stay in the task's overrides for the agent to apply.</summary>
public static class TaskOverrides
{
    /// <summary>The definition as this task runs it; an override naming no container of the definition is refused.</summary>
    public static TaskDefinition Apply(TaskDefinition definition, TaskOverride? overrides)
    {
        if (overrides is null)
        {
            return definition;
        }

        var containers = definition.ContainerDefinitions ?? [];
        foreach (var name in (overrides.ContainerOverrides ?? []).Select(o => o.Name))
        {
            if (!containers.Any(c => c.Name == name))
            {
                throw TaskErrors.UnknownContainer(name);
            }
        }

        var cpu = overrides.Cpu ?? definition.Cpu;
        var memory = overrides.Memory ?? definition.Memory;
        TaskResources.Parse(cpu, memory);
        return definition with
        {
            Cpu = cpu,
            Memory = memory,
            ContainerDefinitions = containers.Select(c => (overrides.ContainerOverrides ?? []).LastOrDefault(o => o.Name == c.Name) is { } o
                ? c with { Cpu = o.Cpu ?? c.Cpu, Memory = o.Memory ?? c.Memory, MemoryReservation = o.MemoryReservation ?? c.MemoryReservation }
                : c).ToList(),
        };
    }

    /// <summary>The overrides as ECS echoes them on the task: the lists present even when empty.</summary>
    public static TaskOverride Echo(TaskOverride? overrides) =>
        (overrides ?? new TaskOverride()) with
        {
            ContainerOverrides = overrides?.ContainerOverrides ?? [],
            InferenceAcceleratorOverrides = overrides?.InferenceAcceleratorOverrides ?? [],
        };
}
