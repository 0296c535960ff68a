using Berth.Agent.Host;
using Berth.Aws.Generated.Logs;

namespace Berth.Agent.Logs;

/// <summary>The control plane's Logs API as the shipper's sink, called with the instance key.</summary>
public sealed class LogsApiSink(LogsApiClient api, AccessKey key) : ILogEventsSink
{
    private const string AlreadyExists = "ResourceAlreadyExistsException";
    private const string NotFound = "ResourceNotFoundException";

    public async Task CreateGroupAsync(string region, string group, CancellationToken ct)
    {
        try
        {
            await api.CreateLogGroupAsync(region, group, key, ct).ConfigureAwait(false);
        }
        catch (AwsApiException e) when (e.Code == AlreadyExists)
        {
        }
    }

    public async Task CreateStreamAsync(string region, string group, string stream, CancellationToken ct)
    {
        try
        {
            await api.CreateLogStreamAsync(region, group, stream, key, ct).ConfigureAwait(false);
        }
        catch (AwsApiException e) when (e.Code == AlreadyExists)
        {
        }
    }

    public Task PutAsync(string region, string group, string stream, IReadOnlyList<LogEvent> events, CancellationToken ct) =>
        api.PutLogEventsAsync(region, new PutLogEventsRequest
        {
            LogGroupName = group,
            LogStreamName = stream,
            LogEvents = [.. events.Select(e => new InputLogEvent { Timestamp = e.Timestamp.ToUnixTimeMilliseconds(), Message = e.Message })],
        }, key, ct);

    public async Task<IReadOnlyList<(DateTimeOffset Timestamp, string Message)>> TailAsync(
        string region, string group, string stream, int count, CancellationToken ct)
    {
        try
        {
            var answer = await api.GetLogEventsAsync(region, new GetLogEventsRequest
            {
                LogGroupName = group,
                LogStreamName = stream,
                Limit = count,
                StartFromHead = false,
            }, key, ct).ConfigureAwait(false);
            return [.. (answer.Events ?? []).Select(e => (DateTimeOffset.FromUnixTimeMilliseconds(e.Timestamp ?? 0), e.Message ?? string.Empty))];
        }
        catch (AwsApiException e) when (e.Code == NotFound)
        {
            return [];
        }
    }
}
