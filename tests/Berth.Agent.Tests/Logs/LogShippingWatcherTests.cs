using System.Collections.Immutable;
using Berth.Agent.Docker;
using Berth.Agent.Logs;
using Berth.Agent.Tests.Engine;
using Berth.Agent.Tests.Tasks;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Agent.Tests.Logs;

public sealed class LogShippingWatcherTests : IDisposable
{
    private const string Instance = "berth.container-instance-arn";

    private readonly string _dataDir = Directory.CreateTempSubdirectory("berth-watch-").FullName;
    private readonly FakeDockerClient _docker = new();
    private readonly FakeLogSource _source = new();
    private readonly FakeLogSink _sink = new();

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task Run_ShipsThisInstancesAwslogsContainers_ExistingAndStartedLater_AndForgetsRemovedOnes()
    {
        _source.Write(DateTimeOffset.UnixEpoch.AddYears(56), "hello");
        var existing = await StartedAsync("a", "i-1", awslogs: true);
        await StartedAsync("b", "i-2", awslogs: true);
        await StartedAsync("c", "i-1", awslogs: false);
        var states = new ShippingStateFile(_dataDir);
        states.Save("dead00", new ShippingState(null, null));
        var watcher = new LogShippingWatcher(_docker, _source, _sink, states, [new LabelFilter(Instance, "i-1")],
            new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56)), new LogShipperOptions(), NullLoggerFactory.Instance);
        using var stop = new CancellationTokenSource();

        var running = watcher.RunAsync(stop.Token);
        await ShippedAsync("web/a/t1");
        var later = await StartedAsync("d", "i-1", awslogs: true);
        _docker.EmitStarted(later);
        await ShippedAsync("web/d/t1");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        Assert.DoesNotContain(_sink.CallsSoFar(), c => c.Contains("/b/", StringComparison.Ordinal) || c.Contains("/c/", StringComparison.Ordinal));
        Assert.Equal(["hello", "hello"], _sink.Messages());
        Assert.False(File.Exists(Path.Combine(_dataDir, "logs", "dead00.json")));
        Assert.NotNull(states.Load(existing).Shipped);
    }

    private async Task<string> StartedAsync(string name, string instance, bool awslogs)
    {
        var labels = ImmutableDictionary<string, string>.Empty.Add("com.amazonaws.ecs.container-name", name).Add(Instance, instance);
        if (awslogs)
        {
            labels = labels.SetItems(AwsLogsTarget.Labels(
                new Dictionary<string, string> { ["awslogs-group"] = "/ecs/web", ["awslogs-region"] = "us-east-1", ["awslogs-stream-prefix"] = "web" },
                name, "arn:aws:ecs:us-east-1:123456789012:task/default/t1"));
        }
        var created = await _docker.CreateContainerAsync(new ContainerSpec { Image = "busybox", Labels = labels }, CancellationToken.None);
        await _docker.StartContainerAsync(created.Id, CancellationToken.None);
        return created.Id;
    }

    /// <summary>Waits (on the real clock, bounded) until a batch went to <paramref name="stream"/>.</summary>
    private async Task ShippedAsync(string stream)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!_sink.CallsSoFar().Contains($"PutLogEvents {stream} 1"))
        {
            await Task.Delay(10, guard.Token);
        }
    }
}
