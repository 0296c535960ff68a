namespace Berth.Agent.Docker;

/// <summary>Cumulative counters of one network interface.</summary>
public sealed record NetworkCounters
{
    public ulong RxBytes { get; init; }
    public ulong RxPackets { get; init; }
    public ulong RxErrors { get; init; }
    public ulong RxDropped { get; init; }
    public ulong TxBytes { get; init; }
    public ulong TxPackets { get; init; }
    public ulong TxErrors { get; init; }
    public ulong TxDropped { get; init; }
}
