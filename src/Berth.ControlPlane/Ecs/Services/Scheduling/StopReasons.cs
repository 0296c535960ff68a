namespace Berth.ControlPlane.Ecs.Services.Scheduling;

/// <summary>The stoppedReason a task gets when the service scheduler stops it (stop code ServiceSchedulerInitiated).</summary>
public static class StopReasons
{
    /// <summary>ECS's words for scale-in and for the old tasks of a rolling update; also used for a deleted service's tasks
    /// (deletion scales the service to 0).</summary>
    public static string ScalingActivity(string? deploymentId) => $"Scaling activity initiated by (deployment {deploymentId})";

    public const string FailedHealthChecks = CircuitBreaker.HealthCheckFailure;

    /// <summary>ECS's wording for this stop is not documented; this says what happened.</summary>
    public const string InstanceDraining = "Container instance is being drained.";
}
