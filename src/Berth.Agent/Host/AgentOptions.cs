using Berth.Agent.Logs;
using Berth.Agent.Tasks;

namespace Berth.Agent.Host;

/// <summary>How one agent joins a cluster and runs its tasks (<c>berth agent</c>'s options, or <c>berth up</c>'s local agent).</summary>
public sealed record AgentOptions
{
    public required string Cluster { get; init; }

    /// <summary>The control plane's edge (the ECS endpoint), e.g. http://127.0.0.1:9400.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>Where the agent keeps its identity (container instance ARN and instance key), so a restart re-attaches.</summary>
    public required string DataDir { get; init; }

    public required string Region { get; init; }

    /// <summary>A user's key, used only to register the instance and obtain the instance's own key.</summary>
    public required AccessKey AdminKey { get; init; }

    public string? AvailabilityZone { get; init; }

    public string? InstanceType { get; init; }

    /// <summary>CPU units to register instead of 1024 per core, so several agents can share one host.</summary>
    public int? Cpu { get; init; }

    /// <summary>MiB to register instead of the host's memory minus <see cref="MemoryReserveMiB"/>.</summary>
    public int? Memory { get; init; }

    /// <summary>Memory kept for the host itself (ECS_RESERVED_MEMORY).</summary>
    public int MemoryReserveMiB { get; init; } = 256;

    /// <summary>First pause before retrying the control plane or the channel; doubled up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan MinRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The pause after <paramref name="delay"/>: doubled, at most <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan NextRetryDelay(TimeSpan delay) => TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));

    /// <summary>A channel that hears nothing (not even a heartbeat) this long is considered dead and reopened.</summary>
    public TimeSpan ChannelSilenceLimit { get; init; } = TimeSpan.FromSeconds(90);

    public TaskActorOptions Tasks { get; init; } = new();

    public LogShipperOptions Logs { get; init; } = new();
}

/// <summary>An access key pair; the secret never leaves memory except into the data dir's identity file (mode 600).</summary>
public sealed record AccessKey(string Id, string Secret)
{
    /// <summary>Keeps the secret out of logs and exception messages.</summary>
    public override string ToString() => $"AccessKey {Id}";
}
