using Berth.ControlPlane.Elb;

namespace Berth.ControlPlane.Ecs.Services.Scheduling;

/// <summary>Service event messages in ECS's own words (ecs-semantics §4.4).</summary>
public static class ServiceEventText
{
    public static string Started(string service, IEnumerable<string> taskIds) =>
        $"(service {service}) has started {Tasks(taskIds)}.";

    /// <summary>ECS says "running tasks" whatever state the stopped tasks were in.</summary>
    public static string Stopped(string service, IEnumerable<string> taskIds) =>
        $"(service {service}) has stopped {Tasks(taskIds, "running tasks")}.";

    /// <summary>No instance took the task; <paramref name="closest"/> is the instance that passed the most checks and the reason
    /// it gave, when the cluster has any.</summary>
    public static string UnableToPlace(string service, (string InstanceId, string Reason)? closest) =>
        $"(service {service}) was unable to place a task because no container instance met all of its requirements."
        + (closest is { } c ? " " + Closest(c.InstanceId, c.Reason) : " Reason: No Container Instances were found in your cluster.");

    public static string SteadyState(string service) => $"(service {service}) has reached a steady state.";

    public static string DeploymentCompleted(string service, string deploymentId) =>
        $"(service {service}) (deployment {deploymentId}) deployment completed.";

    /// <param name="healthChecks">Whether the breaker tripped on failed health checks rather than on tasks that never started.</param>
    public static string DeploymentFailed(string service, string deploymentId, bool healthChecks) =>
        $"(service {service}) (deployment {deploymentId}) deployment failed: " + (healthChecks ? "tasks failed health checks." : "tasks failed to start.");

    public static string RollingBack(string service, string deploymentId) => $"(service {service}) rolling back to deployment {deploymentId}.";

    public static string UnableToStartConsistently(string service) => $"(service {service}) is unable to consistently start tasks successfully.";

    public static string BoundedByConfiguration(string service) =>
        $"(service {service}) was unable to stop or start tasks during a deployment because of the service deployment configuration. "
        + "Update the minimumHealthyPercent or maximumPercent value and try again.";

    public static string ProtectedTasksBlockScaleIn(string service, string deploymentId) =>
        $"(service {service}) was unable to reach steady state because task set ({deploymentId}) was unable to scale in. "
        + "Reason: The number of protected tasks are more than the desired count of tasks.";

    public static string FailedHealthChecks(string service, string taskId) => $"(service {service}) (task {taskId}) failed container health checks.";

    /// <summary>ECS names an instance target by its instance (EC2 tasks in bridge or host mode) and an ip target by its task;
    /// <paramref name="description"/> is the target's health description, e.g. "Health checks failed with these codes: [500]".</summary>
    public static string UnhealthyTarget(string service, string taskId, string targetGroupArn, TargetRef target, bool instanceTarget, string? description) =>
        $"(service {service}) " + (instanceTarget ? $"(instance {target.Id})" : $"(task {taskId})")
        + $" (port {target.Port}) is unhealthy in (target-group {targetGroupArn}) due to (reason {description}).";

    public static string RegisteredTargets(string service, int count, string targetGroupArn) =>
        $"(service {service}) registered {count} targets in (target-group {targetGroupArn})";

    public static string DeregisteredTargets(string service, int count, string targetGroupArn) =>
        $"(service {service}) deregistered {count} targets in (target-group {targetGroupArn})";

    public static string BegunDraining(string service, int count) => $"(service {service}) has begun draining connections on {count} tasks.";

    private static string Tasks(IEnumerable<string> taskIds, string noun = "tasks")
    {
        var ids = taskIds.ToList();
        return $"{ids.Count} {noun}: {string.Join(' ', ids.Select(id => $"(task {id})"))}";
    }

    private static string Closest(string instanceId, string reason) => reason switch
    {
        "RESOURCE:CPU" => $"The closest matching container-instance {instanceId} has insufficient CPU units available.",
        "RESOURCE:MEMORY" => $"The closest matching container-instance {instanceId} has insufficient memory available.",
        "RESOURCE:PORTS" or "RESOURCE:PORTS_UDP" => $"The closest matching container-instance {instanceId} is already using a port required by your task.",
        _ => $"The closest matching container-instance {instanceId} encountered error \"{reason}\".",
    };
}
