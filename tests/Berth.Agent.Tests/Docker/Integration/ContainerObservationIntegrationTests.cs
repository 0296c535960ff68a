using Berth.Agent.Docker;

namespace Berth.Agent.Tests.Docker.Integration;

/// <summary>Logs, events, health and stats of real containers.</summary>
[Collection(DockerEngineCollection.Name)]
public sealed class ContainerObservationIntegrationTests(DockerEngineFixture engine) : IAsyncLifetime
{
    private readonly DockerClient docker = engine.Client;
    private readonly TestContainers containers = new(engine.Client);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await containers.DisposeAsync();

    [Fact]
    public async Task Logs_WithoutTty_TellStdoutFromStderr()
    {
        using var deadline = Deadline.After(60);
        var id = await containers.RunAsync(containers.Spec("logs", "sh", "-c", "echo out1; echo err1 >&2; echo out2"), deadline.Token);
        await docker.WaitContainerAsync(id, deadline.Token);

        var entries = await docker.ReadLogsAsync(id, new LogsQuery { Timestamps = true }, deadline.Token).ToListAsync(deadline.Token);

        Assert.Equal(["out1", "out2"], entries.Where(e => e.Stream == LogStream.Stdout).Select(e => e.Text));
        Assert.Equal(["err1"], entries.Where(e => e.Stream == LogStream.Stderr).Select(e => e.Text));
        Assert.All(entries, e => Assert.NotNull(e.Timestamp));
        var stderrOnly = await docker.ReadLogsAsync(id, new LogsQuery { Stdout = false }, deadline.Token).ToListAsync(deadline.Token);
        Assert.Equal(["err1"], stderrOnly.Select(e => e.Text));
    }

    [Fact]
    public async Task Logs_WithTty_AreOneRawStream()
    {
        using var deadline = Deadline.After(60);
        var id = await containers.RunAsync(containers.Spec("tty", "sh", "-c", "echo tty1; echo tty2 >&2") with { Tty = true }, deadline.Token);
        await docker.WaitContainerAsync(id, deadline.Token);

        var entries = await docker.ReadLogsAsync(id, new LogsQuery(), deadline.Token).ToListAsync(deadline.Token);

        Assert.Equal(["tty1", "tty2"], entries.Select(e => e.Text));
        Assert.All(entries, e => Assert.Equal(LogStream.Stdout, e.Stream));
    }

    [Fact]
    public async Task Logs_Follow_DeliversLinesAsTheyComeAndEndsWhenTheContainerStops()
    {
        using var deadline = Deadline.After(60);
        var id = await containers.RunAsync(containers.Spec("follow", "sh", "-c", "echo a; sleep 1; echo b"), deadline.Token);

        var entries = await docker.ReadLogsAsync(id, new LogsQuery { Follow = true }, deadline.Token).ToListAsync(deadline.Token);

        Assert.Equal(["a", "b"], entries.Select(e => e.Text));
    }

    [Fact]
    public async Task Events_LabelledContainer_StartAndDieWithExitCode()
    {
        using var deadline = Deadline.After(60);

        // Since a moment before the container exists: the engine replays what happened before the stream connected.
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var query = new EventsQuery { Labels = [containers.RunLabel], Since = since };
        var seen = new List<ContainerEvent>();
        var watching = Task.Run(async () =>
        {
            await foreach (var e in docker.StreamEventsAsync(query, deadline.Token))
            {
                seen.Add(e);
                if (e.Action == ContainerEventAction.Die)
                {
                    return;
                }
            }
        });

        var id = await containers.RunAsync(containers.Spec("events", "sh", "-c", "exit 7"), deadline.Token);
        await watching;

        Assert.Equal([ContainerEventAction.Create, ContainerEventAction.Start, ContainerEventAction.Die], seen.Select(e => e.Action));
        Assert.All(seen, e => Assert.Equal(id, e.ContainerId));
        Assert.Equal(7, seen[^1].ExitCode);
        Assert.Equal(containers.Prefix + "-events", seen[^1].Name);
        Assert.Equal(containers.Prefix, seen[^1].Attributes["berth.test.run"]);
        Assert.True(seen[0].Time >= since.AddSeconds(-1));
    }

    [Theory]
    [InlineData("exit 0", HealthStatuses.Healthy)]
    [InlineData("echo sick; exit 1", HealthStatuses.Unhealthy)]
    public async Task HealthCheck_ReachesItsStatus_InInspectAndEvents(string check, string expected)
    {
        using var deadline = Deadline.After(60);
        var spec = containers.Spec("health", "sleep", "1000") with
        {
            Init = true,
            HealthCheck = new HealthCheckSpec
            {
                Test = ["CMD-SHELL", check],
                Interval = TimeSpan.FromMilliseconds(300),
                Timeout = TimeSpan.FromSeconds(5),
                Retries = 1,
            },
        };
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);

        var id = await containers.RunAsync(spec, deadline.Token);
        var health = await Deadline.PollAsync(
            async ct => (await docker.InspectContainerAsync(id, ct)).State.Health is { } h && h.Status == expected ? h : null,
            $"health {expected}", deadline.Token);
        var healthEvent = await docker.StreamEventsAsync(new EventsQuery { Labels = [containers.RunLabel], Since = since }, deadline.Token)
            .FirstAsync(e => e.Action == ContainerEventAction.HealthStatus, deadline.Token);

        Assert.Equal(expected == HealthStatuses.Healthy ? 0 : 1, health.LastExitCode);
        if (expected == HealthStatuses.Unhealthy)
        {
            Assert.Equal("sick\n", health.LastOutput);
            Assert.True(health.FailingStreak >= 1);
        }

        Assert.Equal(expected, healthEvent.HealthStatus);
        Assert.Equal(id, healthEvent.ContainerId);
    }

    [Fact]
    public async Task Stats_OneShot_GivesCpuAndMemoryOfARunningContainer()
    {
        using var deadline = Deadline.After(60);
        var id = await containers.RunAsync(containers.Spec("stats", "sleep", "1000") with { Init = true, MemoryBytes = 64 * 1024 * 1024 }, deadline.Token);

        var stats = await docker.GetStatsAsync(id, deadline.Token);

        Assert.True(stats.Memory.UsageBytes > 0);
        Assert.Equal(64UL * 1024 * 1024, stats.Memory.LimitBytes);
        Assert.True(stats.Cpu.OnlineCpus >= 1);
        Assert.True(stats.Cpu.SystemNanos > 0);
        Assert.NotNull(stats.PreviousCpu);
        Assert.True(stats.CpuPercent >= 0);
        Assert.True(stats.Networks.ContainsKey("eth0"));
        Assert.True(stats.Pids >= 1);
    }
}
