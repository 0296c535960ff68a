namespace Berth.Agent.Docker.Wire;

/// <summary>One element of GET /containers/json.</summary>
internal sealed record ContainerListItem
{
    public required string Id { get; init; }
    public List<string>? Names { get; init; }
    public string? Image { get; init; }
    public string? ImageID { get; init; }
    public long Created { get; init; }
    public string? State { get; init; }
    public string? Status { get; init; }
    public Dictionary<string, string>? Labels { get; init; }
}
