namespace Berth.Agent.Engine;

/// <summary>Why a task stopped (ECS stopCode); the first reason a task is given is the one it keeps.</summary>
public enum TaskStopCode
{
    /// <summary>The task never reached RUNNING: a pull, create or start failure, or a dependency that could not be satisfied.</summary>
    TaskFailedToStart = 0,

    /// <summary>An essential container stopped.</summary>
    EssentialContainerExited = 1,

    /// <summary>StopTask.</summary>
    UserInitiated = 2,

    /// <summary>The service scheduler stopped it (scale-in, deployment, health replacement).</summary>
    ServiceSchedulerInitiated = 3,

    /// <summary>Spot capacity was reclaimed.</summary>
    SpotInterruption = 4,

    /// <summary>The underlying capacity is being retired.</summary>
    TerminationNotice = 5,

    /// <summary>The host was found unhealthy.</summary>
    InfrastructureHealth = 6,
}
