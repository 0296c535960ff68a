using System.Text.Json.Serialization;

namespace Berth.AgentProtocol;

/// <summary>The body of <c>POST /berth/agent/v1/credentials</c>.</summary>
public sealed record CredentialsRequest(string? ContainerInstanceArn);

/// <summary>The only place an instance secret ever appears outside the store and the agent's data dir.</summary>
public sealed record CredentialsResponse(string AccessKeyId, string SecretAccessKey, string ContainerInstanceArn);

/// <summary>An AWS JSON error body, as the agent endpoints answer refusals.</summary>
public sealed record ErrorBody([property: JsonPropertyName("__type")] string Type, string Message);
