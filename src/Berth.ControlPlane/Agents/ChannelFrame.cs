using System.Text.Json;

namespace Berth.ControlPlane.Agents;

/// <summary>One channel frame, a JSON text message <c>{"type": ..., "message": {...}}</c>; the type says how to read the message.</summary>
public sealed record ChannelFrame(string Type, JsonElement? Message);

/// <summary>The message of <see cref="ChannelFrameTypes.Heartbeat"/> (down) and <see cref="ChannelFrameTypes.HeartbeatAck"/> (up).</summary>
public sealed record HeartbeatMessage(string MessageId);
