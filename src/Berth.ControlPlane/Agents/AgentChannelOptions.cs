namespace Berth.ControlPlane.Agents;

/// <summary>How the channel keeps an agent's connection honest.</summary>
public sealed record AgentChannelOptions
{
    public static readonly TimeSpan DefaultHeartbeatInterval = TimeSpan.FromSeconds(30);

    /// <summary>A Heartbeat goes down this often; an agent silent for twice as long is disconnected.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = DefaultHeartbeatInterval;

    /// <summary>No agent frame is larger; a bigger one closes the connection.</summary>
    public int MaxFrameBytes { get; init; } = 1024 * 1024;

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(HeartbeatInterval, TimeSpan.Zero, nameof(HeartbeatInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxFrameBytes, 0, nameof(MaxFrameBytes));
    }
}
