using System.Text.Json.Serialization;

namespace Berth.Agent.Docker.Wire;

/// <summary>The JSON inside <c>X-Registry-Auth</c> (Docker's AuthConfig, lower-case names).</summary>
internal sealed record RegistryAuthBody
{
    [JsonPropertyName("username")]
    public string? Username { get; init; }

    [JsonPropertyName("password")]
    public string? Password { get; init; }

    [JsonPropertyName("serveraddress")]
    public string? ServerAddress { get; init; }
}
