using System.Collections.Immutable;

namespace Berth.Agent.Engine;

/// <summary>The part of a container definition that decides ordering and stopping; images, ports and the rest stay with the agent.</summary>
public sealed record ContainerSpec
{
    /// <summary>Unique within the task; events and actions name containers by it.</summary>
    public required string Name { get; init; }

    /// <summary>When an essential container stops for any reason the whole task stops (ECS default: true).</summary>
    public bool Essential { get; init; } = true;

    /// <summary>Containers that must meet a condition before this one starts; stopping runs in the reverse order.</summary>
    public ImmutableArray<ContainerDependency> DependsOn { get; init; } = [];

    /// <summary>Whether the task definition gives it a health check; without one its health stays UNKNOWN (an image HEALTHCHECK is ignored, as in ECS).</summary>
    public bool HasHealthCheck { get; init; }

    /// <summary>How long, from this container's start, dependents wait for it to COMPLETE, SUCCEED or become HEALTHY; null: no limit.</summary>
    public TimeSpan? StartTimeout { get; init; }

    /// <summary>Grace between the stop signal and SIGKILL; null: the engine's default (30 s).</summary>
    public TimeSpan? StopTimeout { get; init; }
}
