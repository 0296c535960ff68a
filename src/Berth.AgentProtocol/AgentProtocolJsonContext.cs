using System.Text.Json.Serialization;

namespace Berth.AgentProtocol;

/// <summary>Serializes everything the agent endpoints and the channel carry, on both sides.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CredentialsRequest))]
[JsonSerializable(typeof(CredentialsResponse))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(ChannelFrame))]
[JsonSerializable(typeof(HeartbeatMessage))]
[JsonSerializable(typeof(AckMessage))]
[JsonSerializable(typeof(PayloadMessage))]
[JsonSerializable(typeof(TaskHealthMessage))]
public sealed partial class AgentProtocolJsonContext : JsonSerializerContext;
