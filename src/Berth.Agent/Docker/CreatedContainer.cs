namespace Berth.Agent.Docker;

/// <summary>The answer to a create: the new container's id and any warnings Docker had about the spec.</summary>
public sealed record CreatedContainer(string Id, IReadOnlyList<string> Warnings);
