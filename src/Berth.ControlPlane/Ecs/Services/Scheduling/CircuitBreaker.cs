using Berth.Aws.Generated.Ecs;

namespace Berth.ControlPlane.Ecs.Services.Scheduling;

/// <summary>The deployment circuit breaker (ecs-semantics §4.3), its failures derived from the deployment's tasks on every pass
/// so that no counter can be lost between two writes.</summary>
public static class CircuitBreaker
{
    public const int MinimumThreshold = 3;
    public const int MaximumThreshold = 200;

    /// <summary>The stoppedReason the scheduler gives a task it replaces for failing its container health checks; such a stop
    /// counts as a failure of its deployment.</summary>
    public const string HealthCheckFailure = "Task failed container health checks.";

    /// <summary>How the stoppedReason of a task replaced for failing ELB health checks begins (the target group's ARN and a
    /// closing parenthesis follow); such a stop counts as a failure too.</summary>
    public const string ElbHealthCheckFailure = "Task failed ELB health checks in (target-group ";

    /// <summary>⌈0.5 × desired⌉ clamped to [3, 200], the API reference's current rule.</summary>
    public static int Threshold(int desired) => Math.Clamp((desired + 1) / 2, MinimumThreshold, MaximumThreshold);

    public static bool Enabled(Service service) => service.DeploymentConfiguration?.DeploymentCircuitBreaker?.Enable == true;

    public static bool RollsBack(Service service) => service.DeploymentConfiguration?.DeploymentCircuitBreaker?.Rollback == true;

    /// <summary>The deployment's failed tasks: STOPPED without ever RUNNING, or stopped for failed container or ELB health checks, counted only
    /// after the newest moment one of its tasks is known to have been healthy (resetOnHealthyTask, ECS's default).</summary>
    public static DeploymentFailures Failures(string deploymentId, IEnumerable<ServiceTask> tasks, DateTimeOffset now, SchedulerSettings settings)
    {
        var own = tasks.Where(t => t.DeploymentId == deploymentId).ToList();
        var reset = own.Select(t => LastKnownHealthy(t, now, settings)).Max();
        var failed = own
            .Where(t => !TaskHealth.IsUnstopped(t) && IsFailure(t) && (reset is null || t.StoppedAt > reset))
            .OrderByDescending(t => t.StoppedAt)
            .ToList();
        return new(failed.Count, failed.FirstOrDefault() is { StartedAt: not null });
    }

    private static bool IsFailure(ServiceTask task) =>
        task.StartedAt is null || task.StoppedReason == HealthCheckFailure
        || task.StoppedReason?.StartsWith(ElbHealthCheckFailure, StringComparison.Ordinal) == true;

    /// <summary>A task healthy now was healthy now; one without health checks or load balancers was healthy from its 40th
    /// second RUNNING for as long as it lived. A checked or load-balanced task that has since stopped is not known to have
    /// been healthy (neither its health nor its targets' history is kept), so it does not reset the count.</summary>
    private static DateTimeOffset? LastKnownHealthy(ServiceTask task, DateTimeOffset now, SchedulerSettings settings)
    {
        if (TaskHealth.IsHealthy(task, now, settings))
        {
            return now;
        }

        if (task.HealthChecked || task.Targets is { Count: > 0 } || task.StartedAt is not { } started)
        {
            return null;
        }

        var healthyFrom = started + settings.UncheckedHealthyAfter;
        var end = task.StoppedAt ?? now;
        return end >= healthyFrom ? end : null;
    }
}

/// <summary>How many tasks of a deployment count as failed, and whether the newest failure was a health-check failure
/// (which names the breaker's reason) rather than a task that never started.</summary>
public sealed record DeploymentFailures(int Count, bool NewestFailedHealthChecks);
