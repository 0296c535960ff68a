namespace Berth.Agent.Docker;

/// <summary>Cumulative CPU time counters at one instant.</summary>
public sealed record CpuSample
{
    /// <summary>CPU time the container used since it started, nanoseconds.</summary>
    public required ulong TotalNanos { get; init; }

    public ulong KernelNanos { get; init; }

    public ulong UserNanos { get; init; }

    /// <summary>The host's CPU time (all CPUs) since boot, nanoseconds: the denominator of a usage rate.</summary>
    public required ulong SystemNanos { get; init; }

    public required int OnlineCpus { get; init; }
}
