using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Tasks;

namespace Berth.ControlPlane.Ecs.Services.Scheduling;

/// <summary>Where a service task stands for the scheduler (ecs-semantics §4.2, §4.8): live (wanted RUNNING and not on its way
/// down), pending or running, healthy, and failing its container or ELB health checks once the grace period is over.</summary>
public static class TaskHealth
{
    /// <summary>Wanted RUNNING and not yet on its way down: what the bounds and the counts count.</summary>
    public static bool IsLive(ServiceTask task) =>
        task.DesiredStatus == TaskLifecycle.Running && !TaskLifecycle.IsStoppingPhase(task.LastStatus);

    /// <summary>Not yet STOPPED, whatever is wanted of it: a deployment with such a task stays in the list.</summary>
    public static bool IsUnstopped(ServiceTask task) => task.LastStatus != TaskLifecycle.Stopped;

    public static bool IsRunning(ServiceTask task) => IsLive(task) && task.LastStatus == TaskLifecycle.Running;

    /// <summary>PROVISIONING, PENDING or ACTIVATING while wanted RUNNING.</summary>
    public static bool IsPending(ServiceTask task) => IsLive(task) && task.LastStatus != TaskLifecycle.Running;

    /// <summary>RUNNING, and: behind load balancers, healthy in every target group (and HEALTHY when its containers are
    /// checked); otherwise HEALTHY when checked, else RUNNING for <see cref="SchedulerSettings.UncheckedHealthyAfter"/>.</summary>
    public static bool IsHealthy(ServiceTask task, DateTimeOffset now, SchedulerSettings settings) =>
        IsRunning(task) && (task.Targets is { Count: > 0 } targets
            ? targets.All(t => t.IsHealthy) && (!task.HealthChecked || task.HealthStatus == HealthStatus.Healthy)
            : task.HealthChecked
                ? task.HealthStatus == HealthStatus.Healthy
                : task.StartedAt is { } started && now - started >= settings.UncheckedHealthyAfter);

    /// <summary>RUNNING, UNHEALTHY, and past the service's healthCheckGracePeriodSeconds since it started.</summary>
    public static bool IsFailingHealthChecks(ServiceTask task, DateTimeOffset now, TimeSpan grace) =>
        IsRunning(task) && task.HealthChecked && task.HealthStatus == HealthStatus.Unhealthy && IsPastGrace(task, now, grace);

    /// <summary>The first target group in which the RUNNING task's target is unhealthy once the grace period is over; null
    /// when there is none.</summary>
    public static TaskTarget? FailingTarget(ServiceTask task, DateTimeOffset now, TimeSpan grace) =>
        IsRunning(task) && IsPastGrace(task, now, grace) ? task.Targets?.FirstOrDefault(t => t.IsUnhealthy) : null;

    /// <summary>The moment the task's standing changes by time alone (it turns healthy by age, or its grace period ends and
    /// its UNHEALTHY starts to count); null when time alone changes nothing.</summary>
    public static DateTimeOffset? ChangesAt(ServiceTask task, SchedulerSettings settings, TimeSpan grace)
    {
        if (!IsRunning(task) || task.StartedAt is not { } started)
        {
            return null;
        }

        var unhealthy = task.HealthChecked && task.HealthStatus == HealthStatus.Unhealthy;
        if (task.Targets is { Count: > 0 } targets)
        {
            return unhealthy || targets.Any(t => t.IsUnhealthy) ? started + grace : null;
        }

        if (!task.HealthChecked)
        {
            return started + settings.UncheckedHealthyAfter;
        }

        return unhealthy ? started + grace : null;
    }

    /// <summary>Whether one of the task's targets is listed and not yet draining: a stop must deregister it first.</summary>
    public static bool IsBehindLoadBalancer(ServiceTask task) => task.Targets?.Any(t => t.IsServing) == true;

    private static bool IsPastGrace(ServiceTask task, DateTimeOffset now, TimeSpan grace) =>
        task.StartedAt is { } started && now - started >= grace;

    /// <summary>The service's healthCheckGracePeriodSeconds (0 when unset).</summary>
    public static TimeSpan GracePeriod(Service service) => TimeSpan.FromSeconds(service.HealthCheckGracePeriodSeconds ?? 0);
}
