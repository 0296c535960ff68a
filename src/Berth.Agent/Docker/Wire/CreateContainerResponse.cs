namespace Berth.Agent.Docker.Wire;

/// <summary>201 from POST /containers/create.</summary>
internal sealed record CreateContainerResponse
{
    public required string Id { get; init; }
    public List<string>? Warnings { get; init; }
}
