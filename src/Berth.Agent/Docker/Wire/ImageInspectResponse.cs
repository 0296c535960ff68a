namespace Berth.Agent.Docker.Wire;

/// <summary>GET /images/{name}/json, the members the agent uses.</summary>
internal sealed record ImageInspectResponse
{
    public string? Id { get; init; }
    public List<string>? RepoTags { get; init; }
    public List<string>? RepoDigests { get; init; }
    public string? Created { get; init; }
    public string? Os { get; init; }
    public string? Architecture { get; init; }
    public long Size { get; init; }
    public ImageConfig? Config { get; init; }

    public sealed record ImageConfig
    {
        public List<string>? Cmd { get; init; }
        public List<string>? Entrypoint { get; init; }
        public List<string>? Env { get; init; }
        public string? WorkingDir { get; init; }
        public string? User { get; init; }
        public Dictionary<string, EmptyObject>? ExposedPorts { get; init; }
        public Dictionary<string, string>? Labels { get; init; }
    }
}
