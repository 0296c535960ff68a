using Berth.Aws.Generated.Logs;

namespace Berth.Agent.Host;

/// <summary>The CloudWatch Logs operations the agent's log shipping and <c>berth logs</c> use, signed for the region each
/// call names (a container's <c>awslogs-region</c>) with the key it is given.</summary>
public sealed class LogsApiClient(AwsJsonClient caller)
{
    public Task CreateLogGroupAsync(string region, string group, AccessKey key, CancellationToken ct) =>
        caller.CallAsync(AwsJsonApi.Logs, region, "CreateLogGroup", new CreateLogGroupRequest { LogGroupName = group },
            LogsJsonContext.Default.CreateLogGroupRequest, key, ct);

    public Task CreateLogStreamAsync(string region, string group, string stream, AccessKey key, CancellationToken ct) =>
        caller.CallAsync(AwsJsonApi.Logs, region, "CreateLogStream", new CreateLogStreamRequest { LogGroupName = group, LogStreamName = stream },
            LogsJsonContext.Default.CreateLogStreamRequest, key, ct);

    public Task<PutLogEventsResponse> PutLogEventsAsync(string region, PutLogEventsRequest request, AccessKey key, CancellationToken ct) =>
        caller.CallAsync(AwsJsonApi.Logs, region, "PutLogEvents", request,
            LogsJsonContext.Default.PutLogEventsRequest, LogsJsonContext.Default.PutLogEventsResponse, key, ct);

    public Task<GetLogEventsResponse> GetLogEventsAsync(string region, GetLogEventsRequest request, AccessKey key, CancellationToken ct) =>
        caller.CallAsync(AwsJsonApi.Logs, region, "GetLogEvents", request,
            LogsJsonContext.Default.GetLogEventsRequest, LogsJsonContext.Default.GetLogEventsResponse, key, ct);

    public Task<FilterLogEventsResponse> FilterLogEventsAsync(string region, FilterLogEventsRequest request, AccessKey key, CancellationToken ct) =>
        caller.CallAsync(AwsJsonApi.Logs, region, "FilterLogEvents", request,
            LogsJsonContext.Default.FilterLogEventsRequest, LogsJsonContext.Default.FilterLogEventsResponse, key, ct);
}
