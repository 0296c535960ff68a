namespace Berth.Agent.Engine;

/// <summary>Agent-wide settings of the engine; the defaults are ECS's agent defaults.</summary>
public sealed record EngineOptions
{
    /// <summary>Stop timeout of containers whose spec sets none (ECS_CONTAINER_STOP_TIMEOUT, 30 s).</summary>
    public TimeSpan DefaultStopTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Pull a dependent's image before its dependencies are met (ECS_PULL_DEPENDENT_CONTAINERS_UPFRONT, off).</summary>
    public bool PullDependentsUpfront { get; init; }
}
