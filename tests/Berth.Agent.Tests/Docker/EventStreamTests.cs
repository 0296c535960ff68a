using System.Net;
using System.Text.Json;
using Berth.Agent.Docker;
using Berth.Agent.Tests.Docker.Fakes;

namespace Berth.Agent.Tests.Docker;

public sealed class EventStreamTests
{
    [Fact]
    public async Task Events_RecordedLifecycle_AreTypedWithExitCodesAndHealth()
    {
        var handler = new RecordedDockerHandler().On(HttpMethod.Get, "/v1.41/events", Recordings.Text("events-lifecycle.jsonl"));
        using var client = FakeEngine.Client(handler);

        var events = await client.StreamEventsAsync(new EventsQuery(), CancellationToken.None).ToListAsync();

        Assert.Equal(
        [
            ContainerEventAction.Create, ContainerEventAction.Start, ContainerEventAction.HealthStatus,
            ContainerEventAction.Create, ContainerEventAction.Start, ContainerEventAction.Oom, ContainerEventAction.Die,
            ContainerEventAction.Die, ContainerEventAction.Destroy, ContainerEventAction.Destroy,
        ], events.Select(e => e.Action));
        var sick = "9ecbe179423fdfe5c98c9304f7338ff22ac79532ad87f49818c8f2f2543829a0";
        var oom = "e848938a089f9cf6a52bfa0ea5404d0c8911cd13346b35fbad445eba925ed95b";
        var health = events[2];
        Assert.Equal(sick, health.ContainerId);
        Assert.Equal("health_status: unhealthy", health.RawAction);
        Assert.Equal(HealthStatuses.Unhealthy, health.HealthStatus);
        Assert.Equal("rec-sick", health.Name);
        var oomDie = events[6];
        Assert.Equal(oom, oomDie.ContainerId);
        Assert.Equal(137, oomDie.ExitCode);
        Assert.Equal("yes", oomDie.Attributes["rec2"]);
        Assert.Equal(1795274948574726014, oomDie.TimeNano);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795274948).AddTicks(5747260), oomDie.Time);
        Assert.All(events.Where(e => e.Action != ContainerEventAction.Die), e => Assert.Null(e.ExitCode));
    }

    [Fact]
    public async Task Events_Query_SendsContainerTypeLabelsActionsAndSince()
    {
        var handler = new RecordedDockerHandler().On(HttpMethod.Get, "/v1.41/events", "");
        using var client = FakeEngine.Client(handler);
        var since = DateTimeOffset.FromUnixTimeSeconds(1795274945).AddTicks(3238078);

        await client.StreamEventsAsync(new EventsQuery { Labels = [new LabelFilter("berth.cluster", "default")], Since = since }, CancellationToken.None).ToListAsync();

        var request = Assert.Single(handler.ApiRequests);
        Assert.Equal("1795274945.323807800", request.Query("since"));
        Assert.Null(request.Query("until"));
        using var filters = JsonDocument.Parse(request.Query("filters")!);
        Assert.Equal(["container"], filters.RootElement.GetProperty("type").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["berth.cluster=default"], filters.RootElement.GetProperty("label").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(EventsQuery.LifecycleActions, filters.RootElement.GetProperty("event").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Events_OtherActionsAndTypes_AreOtherOrSkipped()
    {
        var lines = """
            {"Type":"container","Action":"exec_start: /bin/sh -c echo hc-ok","Actor":{"ID":"c1","Attributes":{"execID":"e1"}},"time":1,"timeNano":1000000001}
            {"Type":"network","Action":"connect","Actor":{"ID":"n1","Attributes":{"container":"c1"}},"time":1,"timeNano":1000000002}

            {"Type":"container","Action":"kill","Actor":{"ID":"c1","Attributes":{"signal":"15"}},"time":2,"timeNano":0}
            """;
        var handler = new RecordedDockerHandler().On(HttpMethod.Get, "/v1.41/events", lines);
        using var client = FakeEngine.Client(handler);

        var events = await client.StreamEventsAsync(new EventsQuery { Actions = [] }, CancellationToken.None).ToListAsync();

        Assert.Equal(2, events.Count);
        Assert.Equal(ContainerEventAction.Other, events[0].Action);
        Assert.Equal("exec_start: /bin/sh -c echo hc-ok", events[0].RawAction);
        Assert.Equal("kill", events[1].RawAction);
        Assert.Equal(2_000_000_000, events[1].TimeNano);
        using var filters = JsonDocument.Parse(handler.ApiRequests.Single().Query("filters")!);
        Assert.False(filters.RootElement.TryGetProperty("event", out _));
    }

    [Fact]
    public async Task Events_CallerCancels_EndsTheStreamWithOperationCanceled()
    {
        var handler = new RecordedDockerHandler().On(HttpMethod.Get, "/v1.41/events", _ =>
            Task.FromResult(RecordedDockerHandler.Respond(HttpStatusCode.OK, new StreamContent(new BlockingStream()), "application/json")));
        using var client = FakeEngine.Client(handler);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in client.StreamEventsAsync(new EventsQuery(), cancel.Token))
            {
            }
        });
    }

    /// <summary>A stream that never has data (an idle event stream).</summary>
    private sealed class BlockingStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
