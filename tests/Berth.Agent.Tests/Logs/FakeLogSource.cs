using System.Runtime.CompilerServices;
using Berth.Agent.Docker;

namespace Berth.Agent.Tests.Logs;

/// <summary>A container log held in memory: each read returns the lines at or after <c>since</c> (inclusive, as Docker's) and
/// ends, as the log of a stopped container does. Records the queries.</summary>
internal sealed class FakeLogSource : IDockerMonitoring
{
    private readonly List<LogEntry> _lines = [];

    public List<LogsQuery> Queries { get; } = [];

    public void Write(DateTimeOffset timestamp, string text, LogStream stream = LogStream.Stdout)
    {
        lock (_lines)
        {
            _lines.Add(new LogEntry { Stream = stream, Text = text, Timestamp = timestamp });
        }
    }

    public async IAsyncEnumerable<LogEntry> ReadLogsAsync(string container, LogsQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<LogEntry> lines;
        lock (_lines)
        {
            Queries.Add(query);
            lines = [.. _lines.Where(l => query.Since is not { } since || l.Timestamp >= since)];
        }
        foreach (var line in lines)
        {
            await Task.Yield();
            yield return line;
        }
    }

    public Task<ContainerStats> GetStatsAsync(string container, CancellationToken cancellationToken) => throw new NotSupportedException();
}
