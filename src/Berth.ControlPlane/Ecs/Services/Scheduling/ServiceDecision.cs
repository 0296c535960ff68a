namespace Berth.ControlPlane.Ecs.Services.Scheduling;

/// <summary>What one scheduler pass decided: the service as it is to be stored (counts, deployments, rollout states and
/// events brought up to date; the input itself when nothing changed), the tasks to stop, the tasks to start, and when to
/// look again if nothing else changes first (a grace period ending, a task turning healthy by age, a throttle lifting).</summary>
public sealed record ServiceDecision(
    StoredService Service,
    IReadOnlyList<TaskStop> Stops,
    IReadOnlyList<TaskLaunch> Launches,
    DateTimeOffset? WakeAt)
{
    public static ServiceDecision Nothing(StoredService service) => new(service, [], [], null);
}

/// <summary>A task the scheduler stops (desired STOPPED, stop code ServiceSchedulerInitiated) and the stoppedReason it gets.</summary>
public sealed record TaskStop(string TaskArn, string Reason);

/// <summary><paramref name="Count"/> new tasks of a deployment; DAEMON launches name the one instance the task must go on.</summary>
public sealed record TaskLaunch(string DeploymentId, int Count, string? ContainerInstanceArn);
