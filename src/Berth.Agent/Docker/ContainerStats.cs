namespace Berth.Agent.Docker;

/// <summary>One resource-usage snapshot of a running container (GET /containers/{id}/stats?stream=false). The engine
/// samples twice about a second apart, so <see cref="Cpu"/> and <see cref="PreviousCpu"/> give a rate on their own.</summary>
public sealed record ContainerStats
{
    public required DateTimeOffset Read { get; init; }

    /// <summary>When <see cref="PreviousCpu"/> was read; null when the engine had no earlier sample.</summary>
    public DateTimeOffset? PreviousRead { get; init; }

    public required CpuSample Cpu { get; init; }

    public CpuSample? PreviousCpu { get; init; }

    public required MemorySample Memory { get; init; }

    /// <summary>Per interface inside the container ("eth0"); empty in host and none network modes.</summary>
    public required IReadOnlyDictionary<string, NetworkCounters> Networks { get; init; }

    public ulong BlockReadBytes { get; init; }

    public ulong BlockWriteBytes { get; init; }

    public long? Pids { get; init; }

    /// <summary>CPU use between the two samples as docker stats shows it: 100 = one full CPU. Null without a
    /// previous sample.</summary>
    public double? CpuPercent
    {
        get
        {
            if (PreviousCpu is null || Cpu.SystemNanos <= PreviousCpu.SystemNanos || Cpu.TotalNanos < PreviousCpu.TotalNanos)
            {
                return null;
            }

            double container = Cpu.TotalNanos - PreviousCpu.TotalNanos;
            double system = Cpu.SystemNanos - PreviousCpu.SystemNanos;
            return container / system * Cpu.OnlineCpus * 100.0;
        }
    }
}
