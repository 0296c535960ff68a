namespace Berth.Agent.Docker;

/// <summary>The Docker Engine as the agent's task engine uses it: images, the container lifecycle and the event
/// stream. Logs and stats are in <see cref="IDockerMonitoring"/>.
/// <para>Contract for every method: the call is bounded by its named timeout in <see cref="DockerClientOptions"/>
/// (<see cref="DockerTimeoutException"/>) and by the caller's token (<see cref="OperationCanceledException"/>);
/// engine errors are <see cref="DockerException"/>, a 404 is <see cref="DockerNotFoundException"/>. Container
/// arguments accept an id, an unambiguous id prefix or a name. Implementations are safe for concurrent use.</para></summary>
public interface IDockerClient
{
    /// <summary>The engine's version, platform and resources (InfoTimeout).</summary>
    Task<DockerEngineInfo> GetEngineInfoAsync(CancellationToken cancellationToken);

    /// <summary>Pulls an image (a missing tag means "latest"), reporting each line of the engine's progress. Fails with
    /// <see cref="DockerPullException"/> whether the engine refuses at once or reports an error mid-stream
    /// (PullInactivityTimeout between lines, PullTimeout overall).</summary>
    Task PullImageAsync(string image, RegistryAuth? auth, IProgress<PullProgress>? progress, CancellationToken cancellationToken);

    /// <summary>The image if the engine has it, else null (InspectTimeout).</summary>
    Task<ImageInfo?> InspectImageAsync(string image, CancellationToken cancellationToken);

    /// <summary>Creates (does not start) a container (CreateTimeout). A name already in use is a
    /// <see cref="DockerException"/> with status 409 Conflict; a missing image a <see cref="DockerNotFoundException"/>.</summary>
    Task<CreatedContainer> CreateContainerAsync(ContainerSpec spec, CancellationToken cancellationToken);

    /// <summary>Starts a created or stopped container; starting a running one is a no-op (StartTimeout).</summary>
    Task StartContainerAsync(string container, CancellationToken cancellationToken);

    /// <summary>Sends the stop signal (SIGTERM unless the container names another), then SIGKILL after
    /// <paramref name="gracePeriod"/> (whole seconds, rounded up); returns when the container has stopped. Stopping a
    /// stopped container is a no-op (grace + StopTimeoutMargin).</summary>
    Task StopContainerAsync(string container, TimeSpan gracePeriod, CancellationToken cancellationToken);

    /// <summary>Sends a signal ("SIGKILL", "SIGHUP", "9", ...); a container that is not running is a 409
    /// <see cref="DockerException"/> (KillTimeout).</summary>
    Task KillContainerAsync(string container, string signal, CancellationToken cancellationToken);

    /// <summary>Returns the exit code once the container is not running (at once if it is not running now — call it
    /// after start). No timeout of its own: cancel to stop waiting.</summary>
    Task<int> WaitContainerAsync(string container, CancellationToken cancellationToken);

    /// <summary>The container's configuration summary, state, health, ports and addresses (InspectTimeout).</summary>
    Task<ContainerInfo> InspectContainerAsync(string container, CancellationToken cancellationToken);

    /// <summary>Removes a container: <paramref name="force"/> kills a running one first; <paramref name="removeVolumes"/>
    /// also removes its anonymous volumes (RemoveTimeout).</summary>
    Task RemoveContainerAsync(string container, bool force, bool removeVolumes, CancellationToken cancellationToken);

    /// <summary>Removes a named volume; one a container still uses is a 409 <see cref="DockerException"/> (RemoveTimeout).</summary>
    Task RemoveVolumeAsync(string volume, CancellationToken cancellationToken);

    /// <summary>All containers (running or not) carrying every given label (ListTimeout).</summary>
    Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(IReadOnlyList<LabelFilter> labels, CancellationToken cancellationToken);

    /// <summary>Container events as they happen (StreamOpenTimeout until the engine answers, then unbounded). The
    /// sequence ends when the engine closes the stream or <see cref="EventsQuery.Until"/> passes.</summary>
    IAsyncEnumerable<ContainerEvent> StreamEventsAsync(EventsQuery query, CancellationToken cancellationToken);
}
