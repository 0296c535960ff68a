namespace Berth.AgentProtocol;

/// <summary>The frame types of the channel and which way each flows.</summary>
public static class ChannelFrameTypes
{
    /// <summary>Down, <see cref="HeartbeatMessage"/>: answered by <see cref="HeartbeatAck"/>; silence closes the channel.</summary>
    public const string Heartbeat = "Heartbeat";

    /// <summary>Up, <see cref="HeartbeatMessage"/> with the heartbeat's id.</summary>
    public const string HeartbeatAck = "HeartbeatAck";

    /// <summary>Down, <see cref="PayloadMessage"/>: tasks assigned to the instance; answered by <see cref="Ack"/>.</summary>
    public const string Payload = "Payload";

    /// <summary>Up (for a Payload) or down (for a TaskHealth), <see cref="AckMessage"/>.</summary>
    public const string Ack = "Ack";

    /// <summary>Up, <see cref="TaskHealthMessage"/>: health the ECS API has no field for (as ECS's telemetry channel carries it).</summary>
    public const string TaskHealth = "TaskHealth";
}
