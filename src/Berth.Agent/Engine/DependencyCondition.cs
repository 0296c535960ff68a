namespace Berth.Agent.Engine;

/// <summary>What a dependency must have done before its dependent may start (ECS ContainerCondition).</summary>
public enum DependencyCondition
{
    /// <summary>The dependency was started (it may have stopped since).</summary>
    Start = 0,

    /// <summary>The dependency exited, with any exit code; only for non-essential dependencies.</summary>
    Complete = 1,

    /// <summary>The dependency exited with code 0; any other exit fails the task; only for non-essential dependencies.</summary>
    Success = 2,

    /// <summary>The dependency's health check reported HEALTHY; needs a health check.</summary>
    Healthy = 3,
}
