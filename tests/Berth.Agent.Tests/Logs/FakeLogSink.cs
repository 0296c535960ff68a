using Berth.Agent.Host;
using Berth.Agent.Logs;

namespace Berth.Agent.Tests.Logs;

/// <summary>One CloudWatch stream in memory, with scripted failures of PutLogEvents; records every call.</summary>
internal sealed class FakeLogSink : ILogEventsSink
{
    /// <summary>How the next PutLogEvents fails.</summary>
    public enum Failure
    {
        /// <summary>The events are stored but the answer never arrives.</summary>
        LostAnswer,

        /// <summary>Nothing reaches the server.</summary>
        Unreachable,
    }

    private readonly Lock _gate = new();

    public List<(DateTimeOffset Timestamp, string Message)> Stream { get; } = [];

    public List<string> Calls { get; } = [];

    public Queue<Failure> Failures { get; } = new();

    /// <summary>Completed after the first scripted failure was thrown.</summary>
    public TaskCompletionSource Failed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task CreateGroupAsync(string region, string group, CancellationToken ct) => Record($"CreateLogGroup {region} {group}");

    public Task CreateStreamAsync(string region, string group, string stream, CancellationToken ct) => Record($"CreateLogStream {group} {stream}");

    public Task PutAsync(string region, string group, string stream, IReadOnlyList<LogEvent> events, CancellationToken ct)
    {
        lock (_gate)
        {
            Calls.Add($"PutLogEvents {stream} {events.Count}");
            var failure = Failures.Count > 0 ? Failures.Dequeue() : (Failure?)null;
            if (failure != Failure.Unreachable)
            {
                Stream.AddRange(events.Select(e => (DateTimeOffset.FromUnixTimeMilliseconds(e.Timestamp.ToUnixTimeMilliseconds()), e.Message)));
            }
            if (failure is not null)
            {
                Failed.TrySetResult();
                throw new HttpRequestException($"scripted: {failure}");
            }
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<(DateTimeOffset Timestamp, string Message)>> TailAsync(string region, string group, string stream, int count, CancellationToken ct)
    {
        lock (_gate)
        {
            Calls.Add($"GetLogEvents {stream} {count}");
            return Task.FromResult<IReadOnlyList<(DateTimeOffset, string)>>([.. Stream.Skip(Math.Max(0, Stream.Count - count))]);
        }
    }

    /// <summary>The calls so far (a copy, safe while the shipper runs).</summary>
    public List<string> CallsSoFar()
    {
        lock (_gate)
        {
            return [.. Calls];
        }
    }

    public List<string> Messages()
    {
        lock (_gate)
        {
            return [.. Stream.Select(e => e.Message)];
        }
    }

    private Task Record(string call)
    {
        lock (_gate)
        {
            Calls.Add(call);
        }
        return Task.CompletedTask;
    }
}
