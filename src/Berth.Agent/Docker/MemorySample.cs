namespace Berth.Agent.Docker;

/// <summary>Memory use of a container.</summary>
public sealed record MemorySample
{
    /// <summary>The cgroup's usage including page cache, bytes.</summary>
    public required ulong UsageBytes { get; init; }

    /// <summary>Reclaimable page cache within <see cref="UsageBytes"/> (cgroup v1 <c>total_inactive_file</c>, v2
    /// <c>inactive_file</c>); docker stats subtracts it.</summary>
    public ulong CacheBytes { get; init; }

    /// <summary>Peak usage (cgroup v1 only).</summary>
    public ulong? MaxUsageBytes { get; init; }

    /// <summary>The effective limit: the container's hard limit, or the host's memory.</summary>
    public required ulong LimitBytes { get; init; }

    /// <summary>What docker stats shows as MEM USAGE: usage minus reclaimable cache.</summary>
    public ulong WorkingSetBytes => UsageBytes > CacheBytes ? UsageBytes - CacheBytes : 0;
}
