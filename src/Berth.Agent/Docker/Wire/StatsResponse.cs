using System.Text.Json.Serialization;

namespace Berth.Agent.Docker.Wire;

/// <summary>GET /containers/{id}/stats?stream=false (snake_case names). <c>precpu_stats</c> is the sample the engine
/// took about a second before <c>cpu_stats</c>, so one answer is enough for a CPU rate.</summary>
internal sealed record StatsResponse
{
    [JsonPropertyName("read")]
    public string? Read { get; init; }

    [JsonPropertyName("preread")]
    public string? PreRead { get; init; }

    [JsonPropertyName("pids_stats")]
    public PidsBody? PidsStats { get; init; }

    [JsonPropertyName("cpu_stats")]
    public CpuBody? CpuStats { get; init; }

    [JsonPropertyName("precpu_stats")]
    public CpuBody? PreCpuStats { get; init; }

    [JsonPropertyName("memory_stats")]
    public MemoryBody? MemoryStats { get; init; }

    [JsonPropertyName("blkio_stats")]
    public BlkioBody? BlkioStats { get; init; }

    [JsonPropertyName("networks")]
    public Dictionary<string, NetworkBody>? Networks { get; init; }

    public sealed record PidsBody
    {
        [JsonPropertyName("current")]
        public long? Current { get; init; }
    }

    public sealed record CpuBody
    {
        [JsonPropertyName("cpu_usage")]
        public CpuUsageBody? CpuUsage { get; init; }

        [JsonPropertyName("system_cpu_usage")]
        public ulong? SystemCpuUsage { get; init; }

        [JsonPropertyName("online_cpus")]
        public int? OnlineCpus { get; init; }
    }

    public sealed record CpuUsageBody
    {
        [JsonPropertyName("total_usage")]
        public ulong TotalUsage { get; init; }

        [JsonPropertyName("usage_in_kernelmode")]
        public ulong UsageInKernelmode { get; init; }

        [JsonPropertyName("usage_in_usermode")]
        public ulong UsageInUsermode { get; init; }

        [JsonPropertyName("percpu_usage")]
        public List<ulong>? PercpuUsage { get; init; }
    }

    public sealed record MemoryBody
    {
        [JsonPropertyName("usage")]
        public ulong? Usage { get; init; }

        [JsonPropertyName("max_usage")]
        public ulong? MaxUsage { get; init; }

        [JsonPropertyName("limit")]
        public ulong? Limit { get; init; }

        /// <summary>cgroup v1: cache, total_inactive_file, ...; cgroup v2: inactive_file, anon, file, ...</summary>
        [JsonPropertyName("stats")]
        public Dictionary<string, ulong>? Stats { get; init; }
    }

    public sealed record BlkioBody
    {
        [JsonPropertyName("io_service_bytes_recursive")]
        public List<BlkioEntry>? IoServiceBytesRecursive { get; init; }
    }

    public sealed record BlkioEntry
    {
        [JsonPropertyName("op")]
        public string? Op { get; init; }

        [JsonPropertyName("value")]
        public ulong Value { get; init; }
    }

    public sealed record NetworkBody
    {
        [JsonPropertyName("rx_bytes")]
        public ulong RxBytes { get; init; }

        [JsonPropertyName("rx_packets")]
        public ulong RxPackets { get; init; }

        [JsonPropertyName("rx_errors")]
        public ulong RxErrors { get; init; }

        [JsonPropertyName("rx_dropped")]
        public ulong RxDropped { get; init; }

        [JsonPropertyName("tx_bytes")]
        public ulong TxBytes { get; init; }

        [JsonPropertyName("tx_packets")]
        public ulong TxPackets { get; init; }

        [JsonPropertyName("tx_errors")]
        public ulong TxErrors { get; init; }

        [JsonPropertyName("tx_dropped")]
        public ulong TxDropped { get; init; }
    }
}
