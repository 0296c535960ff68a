namespace Berth.ControlPlane.Ecs.TaskDefinitions;

/// <summary>The task-level CPU units and memory MiB of a task definition, parsed from ECS's string forms.</summary>
public sealed record TaskResources(int? Cpu, int? Memory)
{
    public static TaskResources Parse(string? cpu, string? memory)
    {
        int? parsedCpu = cpu is null ? null : TaskSize.ParseCpu(cpu) ?? throw EcsErrors.Client($"Invalid 'cpu' setting for task: '{cpu}'.");
        int? parsedMemory = memory is null ? null : TaskSize.ParseMemory(memory) ?? throw EcsErrors.Client($"Invalid 'memory' setting for task: '{memory}'.");
        if (parsedCpu is < 128 or > 196608)
        {
            throw EcsErrors.Client($"Invalid 'cpu' setting for task: {parsedCpu} units is outside 128 to 196608.");
        }

        if (parsedMemory is < TaskDefinitionValidator.MinContainerMemoryMiB)
        {
            throw EcsErrors.Client($"Invalid 'memory' setting for task: {parsedMemory} MiB is below the minimum.");
        }

        return new TaskResources(parsedCpu, parsedMemory);
    }
}
