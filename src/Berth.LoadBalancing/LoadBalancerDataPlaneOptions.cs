namespace Berth.LoadBalancing;

/// <summary>Where HAProxy is and where it keeps its files, and how eagerly the data plane follows changes.</summary>
public sealed record LoadBalancerDataPlaneOptions
{
    /// <summary>Debian's haproxy package (scripts/ensure-haproxy.sh installs it).</summary>
    public string HaproxyPath { get; init; } = "/usr/sbin/haproxy";

    /// <summary>HAProxy's configuration, sockets and state file (the control plane passes <c>&lt;data dir&gt;/haproxy</c>).
    /// Unix socket paths are limited to 107 bytes, so keep it short.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>Changes arriving closer together than this are applied together: at most one reload per period.</summary>
    public TimeSpan CoalesceDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The configuration is read again this often even without a change signal.</summary>
    public TimeSpan ResyncInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often HAProxy's health checks are read back.</summary>
    public TimeSpan HealthPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Fails fast on options that cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(StateDirectory))
        {
            throw new ArgumentException("the data plane needs a state directory", nameof(StateDirectory));
        }

        if (Path.Combine(Path.GetFullPath(StateDirectory), "master.sock").Length > 107)
        {
            throw new ArgumentException($"the state directory {StateDirectory} is too long for HAProxy's Unix sockets", nameof(StateDirectory));
        }

        if (CoalesceDelay < TimeSpan.Zero || ResyncInterval <= TimeSpan.Zero || HealthPollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("the data plane's intervals must be positive");
        }
    }
}
