namespace Berth.Agent.Engine;

/// <summary>Container or task health as ECS reports it; UNKNOWN when there is no health check or no result yet.</summary>
public enum HealthStatus
{
    /// <summary>No health check, or none has reported yet.</summary>
    Unknown = 0,

    /// <summary>The health check passes.</summary>
    Healthy = 1,

    /// <summary>The health check fails.</summary>
    Unhealthy = 2,
}
