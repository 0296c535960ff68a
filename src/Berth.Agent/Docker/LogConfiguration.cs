using System.Collections.Immutable;

namespace Berth.Agent.Docker;

/// <summary>A Docker log driver and its options (ECS <c>logConfiguration</c>).</summary>
public sealed record LogConfiguration
{
    /// <summary>"json-file", "awslogs", "none", ...</summary>
    public required string Driver { get; init; }

    public IReadOnlyDictionary<string, string> Options { get; init; } = ImmutableDictionary<string, string>.Empty;
}
