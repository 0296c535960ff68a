namespace Berth.Agent.Tasks;

/// <summary>Settings of task actors; Docker call timeouts are the client's (DockerClientOptions).</summary>
public sealed record TaskActorOptions
{
    /// <summary>Pause before a failed stop is reported (and so retried by the engine), so a broken engine is not hammered.</summary>
    public TimeSpan StopRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>When images are pulled; with the default a host without registry access runs what it has.</summary>
    public ImagePullBehavior PullBehavior { get; init; } = ImagePullBehavior.Default;

    /// <summary>Source of the random suffix of container names (injected so tests can fix it).</summary>
    public Random Random { get; init; } = Random.Shared;
}
