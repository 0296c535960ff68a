namespace Berth.ControlPlane.Ecs.TaskDefinitions;

/// <summary>The task sizes Fargate offers: each CPU size with the memory range (MiB) and step it allows.</summary>
public static class FargateSizes
{
    private static readonly Dictionary<int, (int Min, int Max, int Step)> MemoryByCpu = new()
    {
        [256] = (512, 2048, 512),
        [512] = (1024, 4096, 1024),
        [1024] = (2048, 8192, 1024),
        [2048] = (4096, 16384, 1024),
        [4096] = (8192, 30720, 1024),
        [8192] = (16384, 61440, 4096),
        [16384] = (32768, 122880, 8192),
    };

    /// <remarks>0.25 vCPU allows exactly 512, 1024 and 2048 MiB, which the 512-step range expresses once 1536 is excluded.</remarks>
    public static bool IsValid(int cpu, int memory) =>
        MemoryByCpu.TryGetValue(cpu, out var range)
        && memory >= range.Min && memory <= range.Max && (memory - range.Min) % range.Step == 0
        && !(cpu == 256 && memory == 1536);
}
