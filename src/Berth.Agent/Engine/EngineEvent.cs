namespace Berth.Agent.Engine;

/// <summary>Something observed about a task: an outcome of an action, a Docker event, a request from the control plane, or a timer.</summary>
/// <remarks>A closed set: only the nested records derive from it. Container names must be containers of the task (anything else is a caller bug and throws).</remarks>
public abstract record EngineEvent
{
    private EngineEvent()
    {
    }

    /// <summary>The actor is performing these actions (exactly what Decide returned); marks them in flight so they are not issued again.</summary>
    /// <remarks>Every dispatched Docker action must later get exactly one outcome event (Exited answers a stop; a start is answered by Started or StartFailed even if Exited came first).</remarks>
    public sealed record Dispatched(IReadOnlyList<EngineAction> Actions) : EngineEvent;

    /// <summary>The image is on the host.</summary>
    public sealed record Pulled(string Container) : EngineEvent;

    /// <summary>The image could not be pulled; <paramref name="Error"/> is Docker's message (the engine adds the CannotPullContainerError prefix).</summary>
    public sealed record PullFailed(string Container, string Error) : EngineEvent;

    /// <summary>The Docker container exists, with ID <paramref name="RuntimeId"/>.</summary>
    public sealed record Created(string Container, string RuntimeId) : EngineEvent;

    /// <summary>The Docker container could not be created.</summary>
    public sealed record CreateFailed(string Container, string Error) : EngineEvent;

    /// <summary>The container's process started.</summary>
    public sealed record Started(string Container) : EngineEvent;

    /// <summary>The container could not be started.</summary>
    public sealed record StartFailed(string Container, string Error) : EngineEvent;

    /// <summary>The container's process ended, on its own or because it was stopped; <paramref name="Reason"/> e.g. an OutOfMemoryError.</summary>
    public sealed record Exited(string Container, int? ExitCode, string? Reason = null) : EngineEvent;

    /// <summary>Stopping failed (the actor has given up retrying for now); the engine issues the stop again.</summary>
    public sealed record StopFailed(string Container, string Error) : EngineEvent;

    /// <summary>The container's health check result changed; ignored for containers without a task-definition health check.</summary>
    public sealed record HealthChanged(string Container, HealthStatus Status) : EngineEvent;

    /// <summary>Stop the task (StopTask, the scheduler, capacity going away); the default reason is "Task stopped by user".</summary>
    public sealed record StopRequested(string? Reason = null, TaskStopCode StopCode = TaskStopCode.UserInitiated) : EngineEvent;

    /// <summary>The timer armed by ArmStartTimeout for <paramref name="Container"/> fired; the engine checks the clock itself, so a stale timer is harmless.</summary>
    public sealed record DependencyTimedOut(string Container) : EngineEvent;

    /// <summary>The deactivation hook finished.</summary>
    public sealed record DeactivationDone : EngineEvent;

    /// <summary>The deprovisioning hook finished.</summary>
    public sealed record DeprovisioningDone : EngineEvent;
}
