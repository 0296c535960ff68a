namespace Berth.Agent.Logs;

/// <summary>Where shipped events go (the control plane's Logs API; a fake in tests). Failures throw; creating what exists
/// already is not a failure.</summary>
public interface ILogEventsSink
{
    Task CreateGroupAsync(string region, string group, CancellationToken ct);

    Task CreateStreamAsync(string region, string group, string stream, CancellationToken ct);

    Task PutAsync(string region, string group, string stream, IReadOnlyList<LogEvent> events, CancellationToken ct);

    /// <summary>The stream's last <paramref name="count"/> events, oldest first, as (timestamp, message); empty when the stream
    /// does not exist.</summary>
    Task<IReadOnlyList<(DateTimeOffset Timestamp, string Message)>> TailAsync(string region, string group, string stream, int count, CancellationToken ct);
}
