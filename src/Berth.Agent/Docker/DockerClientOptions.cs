namespace Berth.Agent.Docker;

/// <summary>Where the engine is and how long each kind of call may take. A call that exceeds its timeout throws
/// <see cref="DockerTimeoutException"/>; the caller's <see cref="CancellationToken"/> still cancels earlier.
/// The defaults follow the amazon-ecs-agent's.</summary>
public sealed record DockerClientOptions
{
    public const string DefaultSocketPath = "/var/run/docker.sock";

    /// <summary>The engine's Unix socket.</summary>
    public string SocketPath { get; init; } = DefaultSocketPath;

    /// <summary>GET /version and /info.</summary>
    public TimeSpan InfoTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A pull fails when the engine sends nothing for this long.</summary>
    public TimeSpan PullInactivityTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>A whole pull, however active.</summary>
    public TimeSpan PullTimeout { get; init; } = TimeSpan.FromHours(2);

    public TimeSpan CreateTimeout { get; init; } = TimeSpan.FromMinutes(4);

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>A stop may take its grace period plus this (the engine's SIGKILL and cleanup).</summary>
    public TimeSpan StopTimeoutMargin { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan KillTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Container and image inspect.</summary>
    public TimeSpan InspectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan RemoveTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan ListTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>A one-shot stats read (the engine itself takes about a second to sample twice).</summary>
    public TimeSpan StatsTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Until the engine answers the request of a stream (events, logs); the stream itself then runs until
    /// it ends or the caller cancels.</summary>
    public TimeSpan StreamOpenTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Wait has no timeout of its own: it lasts as long as the container runs. Only the caller's token ends it.</summary>
    public TimeSpan WaitTimeout { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>Options for the engine named by DOCKER_HOST (unix:///path), or the default socket when unset.</summary>
    public static DockerClientOptions FromEnvironment() => FromDockerHost(Environment.GetEnvironmentVariable("DOCKER_HOST"));

    /// <summary>Options for a DOCKER_HOST value; only unix:// endpoints are supported.</summary>
    public static DockerClientOptions FromDockerHost(string? dockerHost)
    {
        if (string.IsNullOrWhiteSpace(dockerHost))
        {
            return new DockerClientOptions();
        }

        const string unix = "unix://";
        if (!dockerHost.StartsWith(unix, StringComparison.Ordinal) || dockerHost.Length == unix.Length)
        {
            throw new ArgumentException($"DOCKER_HOST '{dockerHost}' is not supported: Berth talks to the Docker Engine over a Unix socket (unix:///path).", nameof(dockerHost));
        }

        return new DockerClientOptions { SocketPath = dockerHost[unix.Length..] };
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(SocketPath) || !SocketPath.StartsWith('/'))
        {
            throw new ArgumentException($"{nameof(SocketPath)} must be an absolute path, not '{SocketPath}'.");
        }

        Positive(InfoTimeout, nameof(InfoTimeout));
        Positive(PullInactivityTimeout, nameof(PullInactivityTimeout));
        Positive(PullTimeout, nameof(PullTimeout));
        Positive(CreateTimeout, nameof(CreateTimeout));
        Positive(StartTimeout, nameof(StartTimeout));
        Positive(StopTimeoutMargin, nameof(StopTimeoutMargin));
        Positive(KillTimeout, nameof(KillTimeout));
        Positive(InspectTimeout, nameof(InspectTimeout));
        Positive(RemoveTimeout, nameof(RemoveTimeout));
        Positive(ListTimeout, nameof(ListTimeout));
        Positive(StatsTimeout, nameof(StatsTimeout));
        Positive(StreamOpenTimeout, nameof(StreamOpenTimeout));
        Positive(WaitTimeout, nameof(WaitTimeout));
    }

    /// <summary>The endpoint in DOCKER_HOST form, for messages.</summary>
    public string Endpoint => "unix://" + SocketPath;

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"{name} must be positive (or infinite), not {value}.");
        }
    }
}
