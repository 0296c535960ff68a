namespace Berth.ControlPlane.Hosting;

/// <summary>How a control plane listens and where it keeps its state.</summary>
public sealed record ControlPlaneOptions
{
    public const int DefaultPort = 9400;

    public int Port { get; init; } = DefaultPort;

    /// <summary>Loopback by default; agents on other hosts need an address they can reach.</summary>
    public string BindAddress { get; init; } = "127.0.0.1";

    public required string DataDir { get; init; }

    /// <summary>Emulator compatibility: any access key is accepted unchecked (off by default, warned about at start).</summary>
    public bool AcceptAnyCredentials { get; init; }

    /// <summary>The account of a new data dir; random when not given.</summary>
    public string? AccountId { get; init; }

    /// <summary>How often the agent channel sends a Heartbeat (see <see cref="Agents.AgentChannelOptions"/>).</summary>
    public TimeSpan AgentHeartbeatInterval { get; init; } = Agents.AgentChannelOptions.DefaultHeartbeatInterval;

    /// <summary>How long a service task without container health checks must have been RUNNING to count as healthy (ECS: 40
    /// seconds); tests shorten it.</summary>
    public TimeSpan ServiceHealthyAfter { get; init; } = Ecs.Services.Scheduling.SchedulerSettings.Default.UncheckedHealthyAfter;

    /// <summary>host:port the registry is reached at, named in repository URIs (clients push to it); null means this edge's port on
    /// loopback (or on the bind address when it names one host). Docker allows plain HTTP to 127.0.0.0/8 without configuration.</summary>
    public string? RegistryHost { get; init; }

    public string RegistryHostOrDefault => RegistryHost ?? $"{(BindAddress is "0.0.0.0" or "::" or "[::]" ? "127.0.0.1" : BindAddress)}:{Port}";

    public static string DefaultDataDir => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".berth");

    public string DatabasePath => Path.Combine(DataDir, "berth.db");

    /// <summary>Log events live in their own database beside the document store: append-heavy, read by time range.</summary>
    public string LogsDatabasePath => Path.Combine(DataDir, "logs.db");

    /// <summary>The load balancers' HAProxy keeps its configuration and sockets here.</summary>
    public string HaproxyStateDirectory => Path.Combine(DataDir, "haproxy");
}
