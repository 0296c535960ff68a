using System.Text.Json.Serialization;

namespace Berth.Agent.Docker.Wire;

/// <summary>One JSON line of GET /events. <c>Type</c>/<c>Action</c>/<c>Actor</c> are the current names; the lower-case
/// <c>status</c>/<c>id</c>/<c>from</c> are their deprecated duplicates and are not read.</summary>
internal sealed record EventMessage
{
    public string? Type { get; init; }
    public string? Action { get; init; }
    public ActorBody? Actor { get; init; }

    [JsonPropertyName("scope")]
    public string? Scope { get; init; }

    [JsonPropertyName("time")]
    public long Time { get; init; }

    [JsonPropertyName("timeNano")]
    public long TimeNano { get; init; }

    public sealed record ActorBody
    {
        public string? ID { get; init; }
        public Dictionary<string, string>? Attributes { get; init; }
    }
}
