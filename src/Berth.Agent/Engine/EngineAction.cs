namespace Berth.Agent.Engine;

/// <summary>Something the engine wants done; the task's actor performs it, then applies <see cref="EngineEvent.Dispatched"/> and later the outcome event.</summary>
/// <remarks>A closed set: only the nested records derive from it, so a switch over actions can be exhaustive.</remarks>
public abstract record EngineAction
{
    private EngineAction()
    {
    }

    /// <summary>Pull the container's image; answer with Pulled or PullFailed.</summary>
    public sealed record PullImage(string Container) : EngineAction;

    /// <summary>Create the Docker container; answer with Created or CreateFailed.</summary>
    public sealed record CreateContainer(string Container) : EngineAction;

    /// <summary>Start the created container; answer with Started or StartFailed (and Exited whenever it ends).</summary>
    public sealed record StartContainer(string Container) : EngineAction;

    /// <summary>Stop the running container: stop signal, SIGKILL after <paramref name="Timeout"/>; answer with Exited or StopFailed.</summary>
    public sealed record StopContainer(string Container, TimeSpan Timeout) : EngineAction;

    /// <summary>Apply <see cref="EngineEvent.DependencyTimedOut"/> for <paramref name="Container"/> at <paramref name="Deadline"/>; dependents of it are waiting and its start timeout bounds them.</summary>
    public sealed record ArmStartTimeout(string Container, DateTimeOffset Deadline) : EngineAction;

    /// <summary>Run the task's deactivation work (deregistration); answer with DeactivationDone, also when it failed.</summary>
    public sealed record RunDeactivation : EngineAction;

    /// <summary>Run the task's teardown work; answer with DeprovisioningDone, also when it failed.</summary>
    public sealed record RunDeprovisioning : EngineAction;

    /// <summary>Tell the control plane a container's reportable state changed; <paramref name="Status"/> is the wire value (PENDING, RUNNING, STOPPED).</summary>
    public sealed record ReportContainerStatus(string Container, string Status, int? ExitCode, string? Reason, HealthStatus Health) : EngineAction;

    /// <summary>Tell the control plane the task's reportable state changed (status, desired status, health, why it stops).</summary>
    public sealed record ReportTaskStatus(TaskStatus Status, DesiredStatus DesiredStatus, HealthStatus Health, TaskStopCode? StopCode, string? StoppedReason) : EngineAction;
}
