namespace Berth.EndToEnd.Tests.Infrastructure;

/// <summary>How to run <c>berth up</c> for a test.</summary>
public sealed record BerthServerOptions
{
    public required string DataDir { get; init; }

    /// <summary>A fixed port (a restart reuses its port); a free one when null.</summary>
    public int? Port { get; init; }

    public bool AcceptAnyCredentials { get; init; }

    public string? AccountId { get; init; }

    /// <summary>The agent channel's heartbeat interval (<c>--agent-heartbeat-seconds</c>); berth's default when null.</summary>
    public int? AgentHeartbeatSeconds { get; init; }

    /// <summary>How long a service task without health checks must run to count as healthy (<c>--service-healthy-seconds</c>,
    /// e.g. 2 so deployments settle quickly); berth's default (40) when null.</summary>
    public int? ServiceHealthySeconds { get; init; }

    /// <summary>Whether <c>berth up</c> runs its in-process agent (cluster "default"); off (<c>--no-agent</c>) unless a test needs Docker.</summary>
    public bool Agent { get; init; }

    /// <summary>The local agent's cleanup wait for stopped tasks' containers (<c>--cleanup-wait-seconds</c>); berth's default when null.</summary>
    public int? CleanupWaitSeconds { get; init; }

    /// <summary>How long berth may take to print its ready line; generous for a busy 2-core machine.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
