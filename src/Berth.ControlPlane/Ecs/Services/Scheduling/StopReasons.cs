namespace Berth.ControlPlane.Ecs.Services.Scheduling;

/// <summary>The stoppedReason a task gets when the service scheduler stops it (stop code ServiceSchedulerInitiated).</summary>
public static class StopReasons
{
    /// <summary>ECS's words for scale-in and for the old tasks of a rolling update; also used for a deleted service's tasks
    /// (deletion scales the service to 0).</summary>
    public static string ScalingActivity(string? deploymentId) => $"Scaling activity initiated by (deployment {deploymentId})";

    public const string FailedHealthChecks = CircuitBreaker.HealthCheckFailure;

    /// <summary>The reason ECS documents for tasks it stops when it drains an ECS Managed Instance (AWS Batch user guide,
    /// "Instance draining and task interruptions"); the wording for an instance drained through the API is not documented.</summary>
    public const string InstanceDraining = "Task stopped during instance draining";
}
