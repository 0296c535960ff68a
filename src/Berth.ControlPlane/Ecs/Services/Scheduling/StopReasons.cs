namespace Berth.ControlPlane.Ecs.Services.Scheduling;

/// <summary>The stoppedReason a task gets when the service scheduler stops it (stop code ServiceSchedulerInitiated).</summary>
public static class StopReasons
{
    /// <summary>ECS's words for scale-in and for the old tasks of a rolling update; also used for a deleted service's tasks
    /// (deletion scales the service to 0).</summary>
    public static string ScalingActivity(string? deploymentId) => $"Scaling activity initiated by (deployment {deploymentId})";

    public const string FailedHealthChecks = CircuitBreaker.HealthCheckFailure;

    /// <summary>ECS's words when a task's target stays unhealthy in a target group past the grace period.</summary>
    public static string FailedElbHealthChecks(string targetGroupArn) => $"{CircuitBreaker.ElbHealthCheckFailure}{targetGroupArn})";

    /// <summary>The reason ECS documents for tasks it stops when it drains an ECS Managed Instance (AWS Batch user guide,
    /// "Instance draining and task interruptions"); the wording for an instance drained through the API is not documented.</summary>
    public const string InstanceDraining = "Task stopped during instance draining";
}
