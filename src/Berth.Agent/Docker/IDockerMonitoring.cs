namespace Berth.Agent.Docker;

/// <summary>What the agent reads from running containers for log shipping and metrics. Same error and timeout
/// contract as <see cref="IDockerClient"/>.</summary>
public interface IDockerMonitoring
{
    /// <summary>The container's log, stdout and stderr told apart (StreamOpenTimeout until the engine answers). Without
    /// <see cref="LogsQuery.Follow"/> the sequence ends at the end of the log; with it, when the container stops.</summary>
    IAsyncEnumerable<LogEntry> ReadLogsAsync(string container, LogsQuery query, CancellationToken cancellationToken);

    /// <summary>One resource-usage snapshot of a running container (StatsTimeout; takes about a second).</summary>
    Task<ContainerStats> GetStatsAsync(string container, CancellationToken cancellationToken);
}
