using Berth.Agent.Docker;
using Berth.Agent.Engine;
using Berth.Agent.Tasks;
using Berth.Agent.Tests.Engine;

namespace Berth.Agent.Tests.Tasks;

/// <summary>Adoption of containers left by an agent before a restart, sibling names, and cleanup after the wait.</summary>
public sealed partial class TaskActorTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromHours(3);

    [Fact]
    public async Task Adopt_RunningContainers_NoCreateOrStart_ReportsRunningWithTheFoundIdAndBindings()
    {
        var db = docker.Existing(Arn, "db", "running");
        var web = docker.Existing(Arn, "web", "running", ports: [new PublishedPort(80, "tcp", "0.0.0.0", 32768)], image: "oldweb:1");

        var actor = Launch([Container("db"), Container("web") with { DependsOn = [new ContainerDependency("db", DependencyCondition.Start)] }]);
        await sink.TaskAsync("RUNNING");

        Assert.Equal([$"inspect {db}", $"inspect {web}"], docker.Calls.Order());
        var report = await sink.ContainerAsync("web", "RUNNING");
        Assert.Equal(web, report.RuntimeId);
        Assert.Equal(new NetworkBinding("0.0.0.0", 80, 32768, "tcp"), Assert.Single(report.NetworkBindings));
        Assert.False(actor.Completion.IsCompleted);
    }

    [Fact]
    public async Task Adopt_ExitedEssential_StopsTheTaskAndTheRunningSibling()
    {
        var app = docker.Existing(Arn, "app", "exited", exitCode: 3);
        var sidecar = docker.Existing(Arn, "sidecar", "running");

        var actor = Launch([Container("app"), Container("sidecar") with { Essential = false }]);
        var stopped = await sink.TaskAsync("STOPPED");
        await actor.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("EssentialContainerExited", stopped.StopCode);
        Assert.Equal(3, (await sink.ContainerAsync("app", "STOPPED")).ExitCode);
        Assert.Contains($"stop {sidecar} 30s", docker.Calls);
        Assert.DoesNotContain(docker.Calls, c => c.StartsWith("create", StringComparison.Ordinal) || c.StartsWith("start", StringComparison.Ordinal));
        Assert.DoesNotContain($"stop {app} 30s", docker.Calls);
    }

    [Fact]
    public async Task Adopt_OomKilledEssential_ReportsTheOomReason()
    {
        docker.Existing(Arn, "app", "exited", exitCode: 137, oomKilled: true);

        Launch([Container("app")]);

        var app = await sink.ContainerAsync("app", "STOPPED");
        Assert.Equal(137, app.ExitCode);
        Assert.Equal(TaskActor.OutOfMemoryReason, app.Reason);
    }

    [Fact]
    public async Task Adopt_StopRequestedBeforeStart_StopsTheRunningContainer()
    {
        var app = docker.Existing(Arn, "app", "running");
        var actor = new TaskActor(LaunchOf([Container("app")], null), docker, sink, new TaskEngine(TimeProvider.System), TimeProvider.System);
        actors.Add(actor);
        router.Register(actor);
        actor.RequestStop("gone");
        actor.Start();

        await actor.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Contains($"stop {app} 30s", docker.Calls);
        Assert.Equal(143, (await sink.ContainerAsync("app", "STOPPED")).ExitCode);
    }

    [Fact]
    public async Task Adopt_PartiallyCreated_StartsTheCreatedOne_AndCreatesTheMissingOne()
    {
        var db = docker.Existing(Arn, "db", "created");

        Launch([Container("db"), Container("web") with { DependsOn = [new ContainerDependency("db", DependencyCondition.Start)] }]);
        await sink.TaskAsync("RUNNING");

        Assert.Equal([$"inspect {db}", $"start {db}", $"inspect {db}", "inspect image web:1", "pull web:1", "create web -> c1", "start c1", "inspect c1"], docker.Calls);
        Assert.DoesNotContain("pull db:1", docker.Calls);
    }

    [Fact]
    public async Task Adopt_HealthyContainer_ReportsItsHealthFromInspect()
    {
        docker.Existing(Arn, "db", "running", health: "healthy");

        Launch([Container("db") with { HasHealthCheck = true }]);

        Assert.Equal("HEALTHY", (await sink.TaskAsync("RUNNING")).HealthStatus);
    }

    [Fact]
    public async Task Create_RewritesLinksAndVolumesFromToSiblingDockerNames()
    {
        var db = docker.Existing(Arn, "db", "running");
        Launch(
            [Container("db"), Container("data"), Container("web") with
            {
                DependsOn = [new ContainerDependency("db", DependencyCondition.Start), new ContainerDependency("data", DependencyCondition.Start)],
            }],
            change: l => l with
            {
                Containers = l.Containers.SetItem("web", l.Containers["web"] with
                {
                    Docker = l.Containers["web"].Docker with
                    {
                        Links = ["db", "data:store", "elsewhere:x"],
                        VolumesFrom = [new VolumesFrom("data", ReadOnly: true), new VolumesFrom("outside")],
                    },
                }),
            });
        await sink.TaskAsync("RUNNING");

        var data = docker.Created[docker.IdOf("data")].Name;
        var web = docker.Created[docker.IdOf("web")];
        Assert.Equal(["ecs-old-db:db", data + ":store", "elsewhere:x"], web.Links);
        Assert.Equal([new VolumesFrom(data!, ReadOnly: true), new VolumesFrom("outside")], web.VolumesFrom);
        Assert.True(docker.Exists(db));
    }

    [Fact]
    public async Task Cleanup_RemovesTheContainersAfterTheWait_NotBefore()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddDays(100));
        var actor = Launch([Container("app"), Container("sidecar") with { Essential = false }], time: clock);
        await sink.TaskAsync("RUNNING");
        var (app, sidecar) = (docker.IdOf("app"), docker.IdOf("sidecar"));

        actor.RequestStop("done");
        await actor.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        await ArmedAsync(clock);
        clock.Advance(Wait - TimeSpan.FromSeconds(1));

        Assert.False(actor.Cleaned.IsCompleted);
        Assert.DoesNotContain(docker.Calls, c => c.StartsWith("remove", StringComparison.Ordinal));

        clock.Advance(TimeSpan.FromSeconds(1));
        await actor.Cleaned.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Contains($"remove {app} force volumes", docker.Calls);
        Assert.Contains($"remove {sidecar} force volumes", docker.Calls);
        Assert.False(docker.Exists(app) || docker.Exists(sidecar));
    }

    [Fact]
    public async Task Cleanup_RemovesTheTaskVolumes_AfterTheContainers()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddDays(100));
        var actor = Launch([Container("app")], time: clock, change: l => l with { Volumes = ["ecs-fam-3-cache-t1", "ecs-fam-3-scratch-t1"] });
        await sink.TaskAsync("RUNNING");
        var app = docker.IdOf("app");

        actor.RequestStop("done");
        await actor.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        await ArmedAsync(clock);
        Assert.DoesNotContain(docker.Calls, c => c.StartsWith("remove volume", StringComparison.Ordinal));
        clock.Advance(Wait);
        await actor.Cleaned.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(
            [$"remove {app} force volumes", "remove volume ecs-fam-3-cache-t1", "remove volume ecs-fam-3-scratch-t1"],
            docker.Calls.Where(c => c.StartsWith("remove", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Cleanup_IsCancelledByDispose()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddDays(100));
        var actor = Launch([Container("app")], time: clock);
        await sink.TaskAsync("RUNNING");
        actor.RequestStop();
        await actor.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        await ArmedAsync(clock);

        await actor.DisposeAsync();
        clock.Advance(Wait);

        Assert.True(actor.Cleaned.IsCanceled);
        Assert.True(docker.Exists(docker.IdOf("app")));
        Assert.DoesNotContain(docker.Calls, c => c.StartsWith("remove", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OrphanSweeper_RemovesOnlyOldExitedContainersOfTasksNotKept()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddDays(100));
        docker.Time = clock;
        var old = docker.Existing("arn:gone", "app", "exited");
        var kept = docker.Existing("arn:kept", "app", "exited");
        var running = docker.Existing("arn:running", "app", "running");
        clock.Advance(Wait);
        var recent = docker.Existing("arn:recent", "app", "exited");

        var removed = await OrphanSweeper.RemoveStoppedAsync(docker, [], new HashSet<string>(StringComparer.Ordinal) { "arn:kept" }, Wait, clock, CancellationToken.None);

        Assert.Equal([old], removed);
        Assert.False(docker.Exists(old));
        Assert.True(docker.Exists(kept) && docker.Exists(running) && docker.Exists(recent));
    }

    /// <summary>Waits (on the real clock, bounded) until the actor armed its cleanup timer on the fake one.</summary>
    private static async Task ArmedAsync(ManualTimeProvider clock)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (clock.ArmedTimers == 0)
        {
            await Task.Delay(10, guard.Token);
        }
    }
}
