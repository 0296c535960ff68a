using Berth.Aws.Generated.Logs;
using Berth.Aws.Protocol;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Logs;

/// <summary>The Logs handlers against a real (temporary) document store and events database.</summary>
public sealed class LogsHandlerTests : IAsyncLifetime
{
    private const string GroupArn = "arn:aws:logs:us-east-1:123456789012:log-group:app";
    private static readonly CancellationToken None = CancellationToken.None;
    private LogsHarness? harness;

    private LogsHarness Logs => harness ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync() => harness = await LogsHarness.OpenAsync();

    public async Task DisposeAsync() => await Logs.DisposeAsync();

    [Fact]
    public async Task CreateLogGroup_NameTaken_ResourceAlreadyExists()
    {
        await Logs.Groups.CreateLogGroup(Logs.Caller(), new CreateLogGroupRequest { LogGroupName = "app" }, None);

        var e = await Assert.ThrowsAsync<AwsException>(() => Logs.Groups.CreateLogGroup(Logs.Caller(), new CreateLogGroupRequest { LogGroupName = "app" }, None).AsTask());

        Assert.Equal(("ResourceAlreadyExistsException", "The specified log group already exists"), (e.Code, e.Message));
    }

    [Fact]
    public async Task PutLogEvents_MissingGroupOrStream_NamesWhichIsMissing()
    {
        var noGroup = await Assert.ThrowsAsync<AwsException>(() => Logs.PutAsync("app", "s", Logs.NowMs, "x").AsTask());
        await Logs.CreateStreamAsync("app", "other");
        var noStream = await Assert.ThrowsAsync<AwsException>(() => Logs.PutAsync("app", "s", Logs.NowMs, "x").AsTask());

        Assert.Equal("The specified log group does not exist.", noGroup.Message);
        Assert.Equal(("ResourceNotFoundException", "The specified log stream does not exist."), (noStream.Code, noStream.Message));
    }

    [Fact]
    public async Task GetLogEvents_ForwardFromHead_PagesInOrderAndAnswersTheSameTokenAtTheEnd()
    {
        await Logs.CreateStreamAsync("app", "s");
        await Logs.PutAsync("app", "s", Logs.NowMs, "a", "b", "c", "d", "e");
        var request = new GetLogEventsRequest { LogGroupName = "app", LogStreamName = "s", StartFromHead = true, Limit = 2 };

        var seen = new List<string>();
        var tokens = new List<string>();
        string? token = null;
        for (var page = 0; page < 5; page++)
        {
            var response = await Logs.EventHandlers.GetLogEvents(Logs.Caller(), request with { NextToken = token }, None);
            seen.AddRange(response.Events!.Select(e => e.Message!));
            tokens.Add(response.NextForwardToken!);
            if (response.NextForwardToken == token)
            {
                break;
            }

            token = response.NextForwardToken;
        }

        Assert.Equal(["a", "b", "c", "d", "e"], seen);
        Assert.Equal(4, tokens.Count); // pages ab, cd, e, then the end: the token given comes back
        Assert.Equal(tokens[2], tokens[3]);
    }

    [Fact]
    public async Task GetLogEvents_FromTheTail_GivesTheNewestPageThenPagesBackward()
    {
        await Logs.CreateStreamAsync("app", "s");
        await Logs.PutAsync("app", "s", Logs.NowMs, "a", "b", "c", "d", "e");
        var request = new GetLogEventsRequest { LogGroupName = "app", LogStreamName = "s", Limit = 2 };

        var newest = await Logs.EventHandlers.GetLogEvents(Logs.Caller(), request, None);
        var before = await Logs.EventHandlers.GetLogEvents(Logs.Caller(), request with { NextToken = newest.NextBackwardToken }, None);
        var first = await Logs.EventHandlers.GetLogEvents(Logs.Caller(), request with { NextToken = before.NextBackwardToken }, None);
        var beyond = await Logs.EventHandlers.GetLogEvents(Logs.Caller(), request with { NextToken = first.NextBackwardToken }, None);
        await Logs.PutAsync("app", "s", Logs.NowMs + 10, "f");
        var appended = await Logs.EventHandlers.GetLogEvents(Logs.Caller(), request with { NextToken = newest.NextForwardToken }, None);

        Assert.Equal(["d", "e"], newest.Events!.Select(e => e.Message));
        Assert.Equal(["b", "c"], before.Events!.Select(e => e.Message));
        Assert.Equal(["a"], first.Events!.Select(e => e.Message));
        Assert.Empty(beyond.Events!);
        Assert.Equal(first.NextBackwardToken, beyond.NextBackwardToken);
        Assert.Equal(["f"], appended.Events!.Select(e => e.Message));
    }

    [Fact]
    public async Task GetLogEvents_TimeRange_StartInclusiveEndExclusive()
    {
        await Logs.CreateStreamAsync("app", "s");
        var t = Logs.NowMs;
        await Logs.PutAsync("app", "s", t, "a", "b", "c", "d");

        var response = await Logs.EventHandlers.GetLogEvents(
            Logs.Caller(), new GetLogEventsRequest { LogGroupName = "app", LogStreamName = "s", StartTime = t + 1, EndTime = t + 3, StartFromHead = true }, None);

        Assert.Equal(["b", "c"], response.Events!.Select(e => e.Message));
    }

    [Fact]
    public async Task DescribeLogStreams_ByNameDescendingPaged_AndByLastEventTime()
    {
        foreach (var name in new[] { "a", "b", "c" })
        {
            await Logs.CreateStreamAsync("app", name);
        }

        await Logs.PutAsync("app", "a", Logs.NowMs + 30, "late");
        await Logs.PutAsync("app", "c", Logs.NowMs + 10, "early");
        var byName = new DescribeLogStreamsRequest { LogGroupName = "app", Descending = true, Limit = 2 };

        var first = await Logs.Streams.DescribeLogStreams(Logs.Caller(), byName, None);
        var second = await Logs.Streams.DescribeLogStreams(Logs.Caller(), byName with { NextToken = first.NextToken }, None);
        var byTime = await Logs.Streams.DescribeLogStreams(
            Logs.Caller(), new DescribeLogStreamsRequest { LogGroupName = "app", OrderBy = OrderBy.LastEventTime, Descending = true }, None);

        Assert.Equal(["c", "b"], first.LogStreams!.Select(s => s.LogStreamName));
        Assert.Equal(["a"], second.LogStreams!.Select(s => s.LogStreamName));
        Assert.Null(second.NextToken);
        Assert.Equal(["a", "c", "b"], byTime.LogStreams!.Select(s => s.LogStreamName));
        var a = byTime.LogStreams![0];
        Assert.Equal((Logs.NowMs + 30, Logs.NowMs + 30, Logs.NowMs, 0L), (a.FirstEventTimestamp, a.LastEventTimestamp, a.LastIngestionTime, a.StoredBytes));
        Assert.Equal("arn:aws:logs:us-east-1:123456789012:log-group:app:log-stream:a", a.Arn);
        Assert.Null(byTime.LogStreams[2].LastEventTimestamp);
    }

    [Fact]
    public async Task DescribeLogStreams_LastEventTimeWithPrefix_InvalidParameter()
    {
        await Logs.CreateStreamAsync("app", "a");

        var e = await Assert.ThrowsAsync<AwsException>(() => Logs.Streams.DescribeLogStreams(
            Logs.Caller(), new DescribeLogStreamsRequest { LogGroupName = "app", OrderBy = OrderBy.LastEventTime, LogStreamNamePrefix = "a" }, None).AsTask());

        Assert.Equal("InvalidParameterException", e.Code);
    }

    [Fact]
    public async Task DescribeLogGroups_PrefixPatternArnsAndStoredBytes()
    {
        await Logs.CreateStreamAsync("/ecs/web", "s");
        await Logs.CreateStreamAsync("/ecs/api", "s");
        await Logs.CreateStreamAsync("other", "s");
        await Logs.PutAsync("/ecs/web", "s", Logs.NowMs, "12345", "678");

        var byPrefix = await Logs.Groups.DescribeLogGroups(Logs.Caller(), new DescribeLogGroupsRequest { LogGroupNamePrefix = "/ecs/" }, None);
        var byPattern = await Logs.Groups.DescribeLogGroups(Logs.Caller(), new DescribeLogGroupsRequest { LogGroupNamePattern = "WEB" }, None);

        Assert.Equal(["/ecs/api", "/ecs/web"], byPrefix.LogGroups!.Select(g => g.LogGroupName));
        var web = Assert.Single(byPattern.LogGroups!);
        Assert.Equal(
            ("arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web:*", "arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web", 8L, Logs.NowMs),
            (web.Arn, web.LogGroupArn, web.StoredBytes, web.CreationTime));
        await Assert.ThrowsAsync<AwsException>(() => Logs.Groups.DescribeLogGroups(
            Logs.Caller(), new DescribeLogGroupsRequest { LogGroupNamePrefix = "a", LogGroupNamePattern = "b" }, None).AsTask());
    }

    [Fact]
    public async Task FilterLogEvents_InterleavesStreamsInTimeOrderAndPages()
    {
        await Logs.CreateStreamAsync("app", "web/1");
        await Logs.CreateStreamAsync("app", "web/2");
        await Logs.CreateStreamAsync("app", "db");
        var t = Logs.NowMs;
        await Logs.PutAsync("app", "web/1", t, "w1-0", "w1-1");
        await Logs.PutAsync("app", "web/2", t + 1, "w2-1");
        await Logs.PutAsync("app", "db", t, "db-0");
        var request = new FilterLogEventsRequest { LogGroupName = "app", LogStreamNamePrefix = "web/", Limit = 2 };

        var first = await Logs.Filter.FilterLogEvents(Logs.Caller(), request, None);
        var second = await Logs.Filter.FilterLogEvents(Logs.Caller(), request with { NextToken = first.NextToken }, None);
        var named = await Logs.Filter.FilterLogEvents(Logs.Caller(), new FilterLogEventsRequest { LogGroupName = "app", LogStreamNames = ["db"] }, None);

        Assert.Equal(["w1-0", "w1-1"], first.Events!.Select(e => e.Message));
        Assert.Equal(["w2-1"], second.Events!.Select(e => e.Message));
        Assert.Equal("web/2", second.Events![0].LogStreamName);
        Assert.Null(second.NextToken);
        Assert.Equal(["db-0"], named.Events!.Select(e => e.Message));
        Assert.Empty(named.SearchedLogStreams!);
    }

    [Fact]
    public async Task FilterLogEvents_MoreThanAPage_StopsAtTheDefaultLimitWithANextTokenThatGoesOn()
    {
        await Logs.CreateStreamAsync("app", "s");
        await Logs.PutAsync("app", "s", Logs.NowMs, Enumerable.Range(0, 10_000).Select(i => $"line {i}").ToArray());
        await Logs.PutAsync("app", "s", Logs.NowMs + 20_000, "last");

        var page = await Logs.Filter.FilterLogEvents(Logs.Caller(), new FilterLogEventsRequest { LogGroupName = "app" }, None);
        var next = await Logs.Filter.FilterLogEvents(Logs.Caller(), new FilterLogEventsRequest { LogGroupName = "app", NextToken = page.NextToken }, None);

        Assert.Equal((10_000, "line 9999"), (page.Events!.Count, page.Events[^1].Message));
        Assert.NotNull(page.NextToken);
        Assert.Equal(["last"], next.Events!.Select(e => e.Message));
        Assert.Null(next.NextToken);
    }

    [Fact]
    public async Task FilterLogEvents_MalformedPatternOrBothStreamSelectors_InvalidParameter()
    {
        await Logs.CreateStreamAsync("app", "s");

        var pattern = await Assert.ThrowsAsync<AwsException>(() => Logs.Filter.FilterLogEvents(
            Logs.Caller(), new FilterLogEventsRequest { LogGroupName = "app", FilterPattern = "{ $.level = " }, None).AsTask());
        var both = await Assert.ThrowsAsync<AwsException>(() => Logs.Filter.FilterLogEvents(
            Logs.Caller(), new FilterLogEventsRequest { LogGroupName = "app", LogStreamNames = ["s"], LogStreamNamePrefix = "s" }, None).AsTask());

        Assert.Equal(("InvalidParameterException", "InvalidParameterException"), (pattern.Code, both.Code));
    }

    [Fact]
    public async Task Retention_OnTheClock_DeletesExpiredEventsAndKeepsTheStream()
    {
        await Logs.CreateStreamAsync("app", "s");
        await Logs.PutAsync("app", "s", Logs.NowMs, "old");
        await Logs.Groups.PutRetentionPolicy(Logs.Caller(), new PutRetentionPolicyRequest { LogGroupName = "app", RetentionInDays = 1 }, None);
        Logs.Time.Advance(TimeSpan.FromHours(23));
        await Logs.PutAsync("app", "s", Logs.NowMs, "new");

        Assert.Equal(0, await Logs.Retention.SweepAsync(None));
        Logs.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, await Logs.Retention.SweepAsync(None));

        var left = await Logs.EventHandlers.GetLogEvents(Logs.Caller(), new GetLogEventsRequest { LogGroupName = "app", LogStreamName = "s" }, None);
        var group = Assert.Single((await Logs.Groups.DescribeLogGroups(Logs.Caller(), new DescribeLogGroupsRequest(), None)).LogGroups!);
        Assert.Equal(["new"], left.Events!.Select(e => e.Message));
        Assert.Equal((1, 3L), (group.RetentionInDays, group.StoredBytes));
        Assert.Single((await Logs.Streams.DescribeLogStreams(Logs.Caller(), new DescribeLogStreamsRequest { LogGroupName = "app" }, None)).LogStreams!);
    }

    [Fact]
    public async Task PutRetentionPolicy_DaysAwsDoesNotOffer_InvalidParameter()
    {
        await Logs.CreateStreamAsync("app", "s");

        var e = await Assert.ThrowsAsync<AwsException>(() =>
            Logs.Groups.PutRetentionPolicy(Logs.Caller(), new PutRetentionPolicyRequest { LogGroupName = "app", RetentionInDays = 2 }, None).AsTask());

        Assert.Equal("InvalidParameterException", e.Code);
        Assert.Contains("retentionInDays", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteLogGroup_DeletesItsStreamsAndEvents_SoARecreatedGroupIsEmpty()
    {
        await Logs.CreateStreamAsync("app", "s");
        await Logs.PutAsync("app", "s", Logs.NowMs, "x");

        await Logs.Groups.DeleteLogGroup(Logs.Caller(), new DeleteLogGroupRequest { LogGroupName = "app" }, None);
        await Logs.CreateStreamAsync("app", "s");

        var events = await Logs.EventHandlers.GetLogEvents(Logs.Caller(), new GetLogEventsRequest { LogGroupName = "app", LogStreamName = "s" }, None);
        Assert.Empty(events.Events!);
    }

    [Fact]
    public async Task Tags_ByArnAndByName_SeeTheSameTags()
    {
        await Logs.CreateStreamAsync("app", "s");

        await Logs.Tags.TagResource(Logs.Caller(), new TagResourceRequest { ResourceArn = GroupArn, Tags = new() { ["team"] = "a", ["env"] = "x" } }, None);
        await Logs.Tags.UntagLogGroup(Logs.Caller(), new UntagLogGroupRequest { LogGroupName = "app", Tags = ["env"] }, None);

        var byName = await Logs.Tags.ListTagsLogGroup(Logs.Caller(), new ListTagsLogGroupRequest { LogGroupName = "app" }, None);
        var byArn = await Logs.Tags.ListTagsForResource(Logs.Caller(), new ListTagsForResourceRequest { ResourceArn = GroupArn + ":*" }, None);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "a" }, byName.Tags);
        Assert.Equal(byName.Tags, byArn.Tags);
        await Assert.ThrowsAsync<AwsException>(() =>
            Logs.Tags.ListTagsForResource(Logs.Caller(), new ListTagsForResourceRequest { ResourceArn = GroupArn + "-missing" }, None).AsTask());
    }
}
