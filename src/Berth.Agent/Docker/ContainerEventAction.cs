namespace Berth.Agent.Docker;

/// <summary>The container events the agent acts on; anything else Docker reports is <see cref="Other"/> (the raw word
/// stays in <see cref="ContainerEvent.RawAction"/>).</summary>
public enum ContainerEventAction
{
    Other,
    Create,
    Start,

    /// <summary>The container's process exited (for any reason); <see cref="ContainerEvent.ExitCode"/> is set.</summary>
    Die,

    /// <summary>The kernel OOM-killed a process in it; a <see cref="Die"/> usually follows.</summary>
    Oom,

    /// <summary>Its health status changed; <see cref="ContainerEvent.HealthStatus"/> is set.</summary>
    HealthStatus,

    /// <summary>It was removed.</summary>
    Destroy,
}
