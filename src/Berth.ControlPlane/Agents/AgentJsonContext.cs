using System.Text.Json.Serialization;

namespace Berth.ControlPlane.Agents;

/// <summary>Serializes what the agent endpoints read and write.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CredentialsRequest))]
[JsonSerializable(typeof(CredentialsResponse))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(ChannelFrame))]
[JsonSerializable(typeof(HeartbeatMessage))]
public sealed partial class AgentJsonContext : JsonSerializerContext;

/// <summary>The body of <c>POST /berth/agent/v1/credentials</c>.</summary>
public sealed record CredentialsRequest(string? ContainerInstanceArn);

/// <summary>The only place an instance secret ever appears outside the store.</summary>
public sealed record CredentialsResponse(string AccessKeyId, string SecretAccessKey, string ContainerInstanceArn);

/// <summary>An AWS JSON error body.</summary>
public sealed record ErrorBody([property: JsonPropertyName("__type")] string Type, string Message);
