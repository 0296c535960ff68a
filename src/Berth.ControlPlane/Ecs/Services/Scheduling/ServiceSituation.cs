namespace Berth.ControlPlane.Ecs.Services.Scheduling;

/// <summary>Everything one scheduler pass decides from: the service, every task it ever started (STOPPED ones too, so
/// failures and launch throttling are counted from the tasks themselves rather than from counters a crash could lose),
/// the cluster's registered instances, and the time.</summary>
public sealed record ServiceSituation(
    StoredService Service,
    IReadOnlyList<ServiceTask> Tasks,
    IReadOnlyList<ServiceInstance> Instances,
    DateTimeOffset Now,
    SchedulerSettings Settings);

/// <summary>One task of the service as the scheduler sees it.</summary>
/// <param name="DeploymentId">The deployment that started it (the task's startedBy, <c>ecs-svc/…</c>).</param>
/// <param name="StartedAt">When it first reached RUNNING; null if it never did.</param>
/// <param name="HealthStatus">The task's health (HEALTHY, UNHEALTHY or UNKNOWN).</param>
/// <param name="HealthChecked">Whether an essential container of its definition has a health check, so its health decides.</param>
/// <param name="AvailabilityZone">The ecs.availability-zone attribute of its instance, for scale-in order.</param>
/// <param name="ProtectedUntil">When its scale-in protection ends; null when not protected.</param>
/// <param name="Targets">One per loadBalancers entry of its deployment (none for a service without load balancers).</param>
/// <param name="Draining">Stopped by the scheduler while registered: kept RUNNING (lastStatus DEACTIVATING) until its targets
/// have left their groups, then handed to its agent to stop.</param>
public sealed record ServiceTask(
    string TaskArn,
    string DeploymentId,
    string LastStatus,
    string DesiredStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? StoppedAt,
    string? StopCode,
    string? StoppedReason,
    string? HealthStatus,
    bool HealthChecked,
    string ContainerInstanceArn,
    string? AvailabilityZone,
    DateTimeOffset? ProtectedUntil,
    IReadOnlyList<TaskTarget>? Targets = null,
    bool Draining = false);

/// <summary>A registered container instance of the service's cluster (status ACTIVE or DRAINING; INACTIVE ones are left out).</summary>
public sealed record ServiceInstance(string Arn, string Status, bool AgentConnected, string? AvailabilityZone);

/// <summary>The scheduler's tunables; only tests change them.</summary>
/// <param name="UncheckedHealthyAfter">How long a task without container health checks must have been RUNNING to count as
/// healthy (ECS: 40 seconds).</param>
public sealed record SchedulerSettings(TimeSpan UncheckedHealthyAfter)
{
    /// <summary>How often a service with load balancers is looked at while its targets' health can change without a store
    /// change (ELB health checks, a deregistration delay running out): target health is read, not pushed.</summary>
    public TimeSpan TargetCheckInterval { get; init; } = TimeSpan.FromSeconds(5);

    public static SchedulerSettings Default { get; } = new(TimeSpan.FromSeconds(40));
}
