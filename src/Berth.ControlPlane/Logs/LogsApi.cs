using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Logs;
using Berth.Aws.Model;
using Berth.ControlPlane.Logs.Events;
using Berth.ControlPlane.Logs.Groups;
using Berth.ControlPlane.Logs.Streams;
using Berth.ControlPlane.Logs.Tagging;

namespace Berth.ControlPlane.Logs;

/// <summary>The CloudWatch Logs API: which handler serves each operation. Operations not bound here answer "not implemented".</summary>
public static class LogsApi
{
    public const string ModelFile = "logs-2014-03-28.service.json";

    public static AwsService Build(
        ServiceModel model,
        LogGroupHandlers groups,
        LogStreamHandlers streams,
        LogEventHandlers events,
        FilterLogEventsHandler filter,
        LogTagHandlers tags) =>
        new AwsServiceBuilder(model, LogsJsonContext.Default) { ValidationErrorCode = "InvalidParameterException" }
            .On<CreateLogGroupRequest>("CreateLogGroup", groups.CreateLogGroup)
            .On<DeleteLogGroupRequest>("DeleteLogGroup", groups.DeleteLogGroup)
            .On<DescribeLogGroupsRequest, DescribeLogGroupsResponse>("DescribeLogGroups", groups.DescribeLogGroups)
            .On<PutRetentionPolicyRequest>("PutRetentionPolicy", groups.PutRetentionPolicy)
            .On<DeleteRetentionPolicyRequest>("DeleteRetentionPolicy", groups.DeleteRetentionPolicy)
            .On<CreateLogStreamRequest>("CreateLogStream", streams.CreateLogStream)
            .On<DeleteLogStreamRequest>("DeleteLogStream", streams.DeleteLogStream)
            .On<DescribeLogStreamsRequest, DescribeLogStreamsResponse>("DescribeLogStreams", streams.DescribeLogStreams)
            .On<PutLogEventsRequest, PutLogEventsResponse>("PutLogEvents", events.PutLogEvents)
            .On<GetLogEventsRequest, GetLogEventsResponse>("GetLogEvents", events.GetLogEvents)
            .On<FilterLogEventsRequest, FilterLogEventsResponse>("FilterLogEvents", filter.FilterLogEvents)
            .On<TagResourceRequest>("TagResource", tags.TagResource)
            .On<UntagResourceRequest>("UntagResource", tags.UntagResource)
            .On<ListTagsForResourceRequest, ListTagsForResourceResponse>("ListTagsForResource", tags.ListTagsForResource)
            .On<TagLogGroupRequest>("TagLogGroup", tags.TagLogGroup)
            .On<UntagLogGroupRequest>("UntagLogGroup", tags.UntagLogGroup)
            .On<ListTagsLogGroupRequest, ListTagsLogGroupResponse>("ListTagsLogGroup", tags.ListTagsLogGroup)
            .Build();
}
