namespace Berth.ControlPlane.Ecs.Services.Scheduling;

/// <summary>What one scheduler pass decided: the service as it is to be stored (counts, deployments, rollout states and
/// events brought up to date; the input itself when nothing changed), the tasks to stop, the tasks to start, and when to
/// look again if nothing else changes first (a grace period ending, a task turning healthy by age, a throttle lifting, target
/// health to read again), and the target group changes to make once the pass is committed.</summary>
public sealed record ServiceDecision(
    StoredService Service,
    IReadOnlyList<TaskStop> Stops,
    IReadOnlyList<TaskLaunch> Launches,
    DateTimeOffset? WakeAt)
{
    public static ServiceDecision Nothing(StoredService service) => new(service, [], [], null);

    /// <summary>Targets of RUNNING tasks not yet in their groups (registering is idempotent, so a lost call is made again).</summary>
    public IReadOnlyList<TargetChange> Registrations { get; init; } = [];

    /// <summary>Targets to take out of their groups: of tasks this pass starts draining, and of tasks gone down without a drain.</summary>
    public IReadOnlyList<TargetChange> Deregistrations { get; init; } = [];

    /// <summary>Draining tasks whose targets have left every group: their stop is handed to their agents now.</summary>
    public IReadOnlyList<string> Handoffs { get; init; } = [];
}

/// <summary>A task the scheduler stops (desired STOPPED, stop code ServiceSchedulerInitiated) and the stoppedReason it gets.</summary>
/// <param name="Drains">Its targets are deregistered first: it stays RUNNING (lastStatus DEACTIVATING) until they have left
/// their groups, and only then does its agent stop it.</param>
public sealed record TaskStop(string TaskArn, string Reason, bool Drains = false);

/// <summary><paramref name="Count"/> new tasks of a deployment; DAEMON launches name the one instance the task must go on.</summary>
public sealed record TaskLaunch(string DeploymentId, int Count, string? ContainerInstanceArn);
