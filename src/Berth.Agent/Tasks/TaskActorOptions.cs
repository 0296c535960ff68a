namespace Berth.Agent.Tasks;

/// <summary>Settings of task actors; Docker call timeouts are the client's (DockerClientOptions).</summary>
public sealed record TaskActorOptions
{
    /// <summary>Pause before a failed stop is reported (and so retried by the engine), so a broken engine is not hammered.</summary>
    public TimeSpan StopRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>When images are pulled. Berth prefers the host's copy where ECS's agent always tries a pull first: Berth's
    /// hosts often have no route to public registries, so every task start would wait on a pull that cannot succeed (100
    /// concurrent ones take Docker about 30 s) and send traffic off the machine for nothing.</summary>
    public ImagePullBehavior PullBehavior { get; init; } = ImagePullBehavior.PreferCached;

    /// <summary>Where pulls get registry credentials (Berth's registry); null pulls every image anonymously. A container's
    /// own <see cref="ContainerLaunch.Auth"/> wins.</summary>
    public IRegistryCredentialSource? RegistryCredentials { get; init; }

    /// <summary>How long a STOPPED task's containers are kept (for logs and inspection) before they are removed
    /// (ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION).</summary>
    public TimeSpan CleanupWait { get; init; } = TimeSpan.FromHours(3);

    /// <summary>Source of the random suffix of container names (injected so tests can fix it).</summary>
    public Random Random { get; init; } = Random.Shared;
}
