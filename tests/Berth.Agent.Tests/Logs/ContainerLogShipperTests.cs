using Berth.Agent.Logs;
using Berth.Agent.Tests.Engine;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Agent.Tests.Logs;

public sealed class ContainerLogShipperTests : IDisposable
{
    private const string ContainerId = "0123abcd";
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch.AddYears(56);

    private readonly string _dataDir = Directory.CreateTempSubdirectory("berth-logs-").FullName;
    private readonly ManualTimeProvider _clock = new(T0.AddHours(1));
    private readonly FakeLogSource _source = new();
    private readonly FakeLogSink _sink = new();

    private static readonly AwsLogsTarget Target = new()
    {
        Group = "/ecs/web",
        Region = "us-east-1",
        Stream = "web/app/0f1e2d",
        CreateGroup = true,
    };

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    private Task ShipAsync(AwsLogsTarget? target = null)
    {
        var shipper = new ContainerLogShipper(ContainerId, target ?? Target, _source, _sink, new ShippingStateFile(_dataDir), _clock,
            new LogShipperOptions(), NullLogger.Instance);
        return shipper.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Run_ShipsEveryLineInOrder_WithDockerTimestamps_AfterCreatingGroupAndStream()
    {
        _source.Write(T0, "one");
        _source.Write(T0.AddMilliseconds(5), "two", Berth.Agent.Docker.LogStream.Stderr);
        _source.Write(T0.AddMilliseconds(9), "three");

        await ShipAsync();

        Assert.Equal(["one", "two", "three"], _sink.Messages());
        Assert.Equal([T0, T0.AddMilliseconds(5), T0.AddMilliseconds(9)], _sink.Stream.Select(e => e.Timestamp));
        Assert.Equal(["CreateLogGroup us-east-1 /ecs/web", "CreateLogStream /ecs/web web/app/0f1e2d", "PutLogEvents web/app/0f1e2d 3"], _sink.Calls);
        Assert.True(_source.Queries.Single().Follow && _source.Queries.Single().Timestamps);
    }

    [Fact]
    public async Task Run_AfterARestart_ResumesAfterTheLastShippedLine_EvenAmongLinesOfTheSameTimestamp()
    {
        _source.Write(T0, "one");
        _source.Write(T0.AddMilliseconds(1), "two");
        _source.Write(T0.AddMilliseconds(1), "three");
        await ShipAsync();

        _source.Write(T0.AddMilliseconds(1), "four");
        _source.Write(T0.AddMilliseconds(2), "five");
        await ShipAsync();

        Assert.Equal(["one", "two", "three", "four", "five"], _sink.Messages());
        Assert.Equal(T0.AddMilliseconds(1), _source.Queries[1].Since);
    }

    [Fact]
    public async Task Run_WhenTheAnswerToAnAcceptedBatchIsLost_DoesNotSendItAgain()
    {
        _source.Write(T0, "one");
        _source.Write(T0.AddMilliseconds(1), "two");
        _sink.Failures.Enqueue(FakeLogSink.Failure.LostAnswer);

        var shipping = ShipAsync();
        await RetryAfterFailureAsync();
        await shipping;

        Assert.Equal(["one", "two"], _sink.Messages());
        Assert.Contains("GetLogEvents web/app/0f1e2d 2", _sink.Calls);
        Assert.Single(_sink.Calls, c => c.StartsWith("PutLogEvents", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_WhenTheControlPlaneIsUnreachable_RetriesTheBatchUntilTaken()
    {
        _source.Write(T0, "one");
        _sink.Failures.Enqueue(FakeLogSink.Failure.Unreachable);

        var shipping = ShipAsync();
        await RetryAfterFailureAsync();
        await shipping;

        Assert.Equal(["one"], _sink.Messages());
        Assert.Equal(2, _sink.Calls.Count(c => c.StartsWith("PutLogEvents", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Run_AfterACrashWithABatchInFlight_CountsItShippedExactlyWhenItEndsTheStream(bool accepted)
    {
        _source.Write(T0, "one");
        _source.Write(T0.AddMilliseconds(1), "two");
        _source.Write(T0.AddMilliseconds(2), "three");
        var inFlight = new[] { (T0, "one"), (T0.AddMilliseconds(1), "two") };
        if (accepted)
        {
            _sink.Stream.AddRange(inFlight);
        }
        new ShippingStateFile(_dataDir).Save(ContainerId,
            new ShippingState(null, new PendingBatch(new LogCursor(T0.AddMilliseconds(1), 1), 2, BatchDigest.Of(inFlight))));

        await ShipAsync();

        Assert.Equal(["one", "two", "three"], _sink.Messages());
        Assert.Equal(new LogCursor(T0.AddMilliseconds(2), 1), new ShippingStateFile(_dataDir).Load(ContainerId).Shipped);
        Assert.Null(new ShippingStateFile(_dataDir).Load(ContainerId).Pending);
    }

    [Fact]
    public async Task Run_WithAMultilinePattern_ShipsGroupedEvents()
    {
        _source.Write(T0, "ERROR boom");
        _source.Write(T0.AddMilliseconds(1), "  at A()");
        _source.Write(T0.AddMilliseconds(2), "INFO fine");

        await ShipAsync(Target with { EventStart = new System.Text.RegularExpressions.Regex("^[A-Z]+ ") });

        Assert.Equal(["ERROR boom\n  at A()", "INFO fine"], _sink.Messages());
    }

    /// <summary>Waits (on the real clock, bounded) for the scripted failure and the retry timer, then lets the retry happen.</summary>
    private async Task RetryAfterFailureAsync()
    {
        await _sink.Failed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (_clock.ArmedTimers == 0)
        {
            await Task.Delay(10, guard.Token);
        }
        _clock.Advance(TimeSpan.FromSeconds(1));
    }
}
