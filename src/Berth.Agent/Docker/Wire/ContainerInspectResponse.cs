using System.Text.Json.Serialization;

namespace Berth.Agent.Docker.Wire;

/// <summary>GET /containers/{id}/json, the members the agent uses. Times are RFC 3339 strings with nanoseconds;
/// "0001-01-01T00:00:00Z" means "never".</summary>
internal sealed record ContainerInspectResponse
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public string? Created { get; init; }
    public string? Image { get; init; }
    public int RestartCount { get; init; }
    public StateBody? State { get; init; }
    public ConfigBody? Config { get; init; }
    public NetworkSettingsBody? NetworkSettings { get; init; }

    public sealed record StateBody
    {
        public string? Status { get; init; }
        public bool Running { get; init; }
        public bool Paused { get; init; }
        public bool Restarting { get; init; }

        [JsonPropertyName("OOMKilled")]
        public bool OomKilled { get; init; }

        public bool Dead { get; init; }
        public int Pid { get; init; }
        public int ExitCode { get; init; }
        public string? Error { get; init; }
        public string? StartedAt { get; init; }
        public string? FinishedAt { get; init; }
        public HealthBody? Health { get; init; }
    }

    public sealed record HealthBody
    {
        public string? Status { get; init; }
        public int FailingStreak { get; init; }
        public List<HealthLogBody>? Log { get; init; }
    }

    public sealed record HealthLogBody
    {
        public string? Start { get; init; }
        public string? End { get; init; }
        public int ExitCode { get; init; }
        public string? Output { get; init; }
    }

    public sealed record ConfigBody
    {
        public string? Image { get; init; }
        public bool Tty { get; init; }
        public Dictionary<string, string>? Labels { get; init; }
    }

    public sealed record NetworkSettingsBody
    {
        /// <summary>"8080/tcp" → bindings; null for a port that is exposed but not published.</summary>
        public Dictionary<string, List<PortBindingBody>?>? Ports { get; init; }

        public Dictionary<string, EndpointBody>? Networks { get; init; }
    }

    public sealed record PortBindingBody
    {
        public string? HostIp { get; init; }
        public string? HostPort { get; init; }
    }

    public sealed record EndpointBody
    {
        public string? NetworkID { get; init; }
        public string? IPAddress { get; init; }
        public int IPPrefixLen { get; init; }
        public string? Gateway { get; init; }
        public string? MacAddress { get; init; }
    }
}
