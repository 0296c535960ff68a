namespace Berth.Agent.Engine;

/// <summary>The per-container next step for every (known, desired) pair, before dependencies and in-flight work are considered.</summary>
internal static class ContainerTransitions
{
    /// <summary>The step from <paramref name="known"/> towards <paramref name="desired"/>; total over both enums so no pair is left undecided.</summary>
    /// <remarks>
    /// Towards RUNNING a container climbs None → Pulled → Created → Running one step at a time. Towards STOPPED only a
    /// running process needs a Docker stop; a container that never started is simply recorded stopped (a created but
    /// never started Docker container is left for cleanup, as the ECS agent does). Stopped is terminal: no restarts.
    /// </remarks>
    public static ContainerStep Next(ContainerStatus known, DesiredStatus desired) => (known, desired) switch
    {
        (ContainerStatus.None, DesiredStatus.Running) => ContainerStep.Pull,
        (ContainerStatus.Pulled, DesiredStatus.Running) => ContainerStep.Create,
        (ContainerStatus.Created, DesiredStatus.Running) => ContainerStep.Start,
        (ContainerStatus.Running, DesiredStatus.Running) => ContainerStep.None,
        (ContainerStatus.Stopped, DesiredStatus.Running) => ContainerStep.None,
        (ContainerStatus.None, DesiredStatus.Stopped) => ContainerStep.MarkStopped,
        (ContainerStatus.Pulled, DesiredStatus.Stopped) => ContainerStep.MarkStopped,
        (ContainerStatus.Created, DesiredStatus.Stopped) => ContainerStep.MarkStopped,
        (ContainerStatus.Running, DesiredStatus.Stopped) => ContainerStep.Stop,
        (ContainerStatus.Stopped, DesiredStatus.Stopped) => ContainerStep.None,
        _ => throw new ArgumentOutOfRangeException(nameof(known), $"No transition from {known} towards {desired}."),
    };
}
