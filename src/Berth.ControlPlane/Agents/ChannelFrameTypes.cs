namespace Berth.ControlPlane.Agents;

/// <summary>The frame types of the channel. Payload (down) and Ack (up) join when tasks exist.</summary>
public static class ChannelFrameTypes
{
    public const string Heartbeat = "Heartbeat";
    public const string HeartbeatAck = "HeartbeatAck";
}
