using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Logs;

/// <summary>The CloudWatch Logs API through the real `aws logs` commands and boto3.</summary>
public sealed class LogsApiTests(BerthServerFixture fixture) : IClassFixture<BerthServerFixture>
{
    [Fact]
    public async Task AwsLogs_GroupStreamEvents_RoundTripInOrderThenDelete()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        (await fixture.AwsAsync("logs", "create-log-group", "--log-group-name", "/e2e/web")).AssertSuccess();
        (await fixture.AwsAsync("logs", "create-log-stream", "--log-group-name", "/e2e/web", "--log-stream-name", "web/app/1")).AssertSuccess();
        var put = await fixture.AwsAsync(
            "logs", "put-log-events", "--log-group-name", "/e2e/web", "--log-stream-name", "web/app/1", "--log-events",
            $"timestamp={now},message=first", $"timestamp={now + 1},message=second", $"timestamp={now + 2},message=ERROR third");
        put.AssertSuccess();
        Assert.DoesNotContain("rejectedLogEventsInfo", put.Stdout, StringComparison.Ordinal);

        var events = await fixture.AwsAsync("logs", "get-log-events", "--log-group-name", "/e2e/web", "--log-stream-name", "web/app/1", "--start-from-head");
        events.Verify(j =>
        {
            Assert.Equal(["first", "second", "ERROR third"], j.Items("events").Select(e => e.Str("message")!));
            Assert.Equal(now, j.At("events.0.timestamp")!.GetValue<long>());
            Assert.StartsWith("f/", j.Str("nextForwardToken"), StringComparison.Ordinal);
            Assert.StartsWith("b/", j.Str("nextBackwardToken"), StringComparison.Ordinal);
        });

        var filtered = await fixture.AwsAsync("logs", "filter-log-events", "--log-group-name", "/e2e/web", "--start-time", $"{now + 1}");
        filtered.Verify(j =>
        {
            Assert.Equal(["second", "ERROR third"], j.Items("events").Select(e => e.Str("message")!));
            Assert.Equal("web/app/1", j.Str("events.0.logStreamName"));
        });

        (await fixture.AwsAsync("logs", "put-retention-policy", "--log-group-name", "/e2e/web", "--retention-in-days", "7")).AssertSuccess();
        var streams = await fixture.AwsAsync("logs", "describe-log-streams", "--log-group-name", "/e2e/web");
        streams.Verify(j =>
        {
            Assert.Equal("web/app/1", j.Str("logStreams.0.logStreamName"));
            Assert.Equal(now, j.At("logStreams.0.firstEventTimestamp")!.GetValue<long>());
            Assert.Equal(now + 2, j.At("logStreams.0.lastEventTimestamp")!.GetValue<long>());
        });
        var groups = await fixture.AwsAsync("logs", "describe-log-groups", "--log-group-name-prefix", "/e2e/web");
        groups.Verify(j =>
        {
            Assert.Equal(7, j.Int("logGroups.0.retentionInDays"));
            Assert.EndsWith(":log-group:/e2e/web:*", j.Str("logGroups.0.arn"), StringComparison.Ordinal);
            Assert.Equal("first".Length + "second".Length + "ERROR third".Length, j.Int("logGroups.0.storedBytes"));
        });

        (await fixture.AwsAsync("logs", "delete-log-group", "--log-group-name", "/e2e/web")).AssertSuccess();
        (await fixture.AwsAsync("logs", "get-log-events", "--log-group-name", "/e2e/web", "--log-stream-name", "web/app/1"))
            .AssertAwsError("ResourceNotFoundException");
    }

    [Fact]
    public async Task Boto_ErrorsAndBatchRules_AnswerAsAws()
    {
        var result = await fixture.BotoAsync("""
            client = logs()
            now = int(time.time() * 1000)
            client.create_log_group(logGroupName='errors')
            client.create_log_stream(logGroupName='errors', logStreamName='s')
            emit(
                again=outcome(client, 'create_log_group', logGroupName='errors'),
                no_group=outcome(client, 'create_log_stream', logGroupName='missing', logStreamName='s'),
                no_stream=outcome(client, 'put_log_events', logGroupName='errors', logStreamName='missing',
                                  logEvents=[{'timestamp': now, 'message': 'x'}]),
                unordered=outcome(client, 'put_log_events', logGroupName='errors', logStreamName='s',
                                  logEvents=[{'timestamp': now, 'message': 'b'}, {'timestamp': now - 1, 'message': 'a'}]),
                too_old=outcome(client, 'put_log_events', logGroupName='errors', logStreamName='s',
                                logEvents=[{'timestamp': now - 14 * 86400000 - 3600000, 'message': 'old'},
                                           {'timestamp': now - 14 * 86400000 + 3600000, 'message': 'kept'}]),
                too_new=outcome(client, 'put_log_events', logGroupName='errors', logStreamName='s',
                                logEvents=[{'timestamp': now, 'message': 'ok'}, {'timestamp': now + 3 * 3600000, 'message': 'new'}]),
                span=outcome(client, 'put_log_events', logGroupName='errors', logStreamName='s',
                             logEvents=[{'timestamp': now - 25 * 3600000, 'message': 'a'}, {'timestamp': now, 'message': 'b'}]),
                bad_retention=outcome(client, 'put_retention_policy', logGroupName='errors', retentionInDays=2),
                bad_token=outcome(client, 'get_log_events', logGroupName='errors', logStreamName='s', nextToken='f/nope'),
                stored=client.get_log_events(logGroupName='errors', logStreamName='s', startFromHead=True)['events'])
            """);

        result.Verify(j =>
        {
            Assert.Equal(("ResourceAlreadyExistsException", 400), (j.Str("again.error"), j.Int("again.status")));
            Assert.Equal(("ResourceNotFoundException", "The specified log group does not exist."), (j.Str("no_group.error"), j.Str("no_group.message")));
            Assert.Equal("The specified log stream does not exist.", j.Str("no_stream.message"));
            Assert.Equal(
                ("InvalidParameterException", "Log events in a single PutLogEvents request must be in chronological order."),
                (j.Str("unordered.error"), j.Str("unordered.message")));
            Assert.Equal(0, j.Int("too_old.ok.rejectedLogEventsInfo.tooOldLogEventEndIndex"));
            Assert.Equal(1, j.Int("too_new.ok.rejectedLogEventsInfo.tooNewLogEventStartIndex"));
            Assert.Equal("InvalidParameterException", j.Str("span.error"));
            Assert.Equal("InvalidParameterException", j.Str("bad_retention.error"));
            Assert.Equal("InvalidParameterException", j.Str("bad_token.error"));
            Assert.Equal(["kept", "ok"], j.Items("stored").Select(e => e.Str("message")!));
        });
    }
}
