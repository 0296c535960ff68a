namespace Berth.Agent.Engine;

/// <summary>Progress of a task-level hook (deactivation, deprovisioning), so the engine issues it once and waits for it.</summary>
public enum HookProgress
{
    /// <summary>Not dispatched yet.</summary>
    NotStarted = 0,

    /// <summary>Dispatched; its Done event has not been applied.</summary>
    InFlight = 1,

    /// <summary>Finished (successfully or not: the task moves on either way).</summary>
    Done = 2,
}
