using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.TaskDefinitions;

namespace Berth.ControlPlane.Ecs.Tasks;

/// <summary>The CPU units and memory MiB a task takes from its instance: the task-level size when the definition sets one,
/// else the sum over its containers (memoryReservation, or memory when there is no reservation).</summary>
public sealed record TaskReservation(int Cpu, int Memory)
{
    public static TaskReservation Of(TaskDefinition definition)
    {
        var size = TaskResources.Parse(definition.Cpu, definition.Memory);
        var containers = definition.ContainerDefinitions ?? [];
        return new TaskReservation(
            size.Cpu ?? containers.Sum(c => c.Cpu ?? 0),
            size.Memory ?? containers.Sum(c => c.MemoryReservation ?? c.Memory ?? 0));
    }
}
