using System.Collections.Immutable;
using Berth.Agent.Engine;
using Berth.Agent.Tasks;
using DockerContainerSpec = Berth.Agent.Docker.ContainerSpec;
using EngineContainerSpec = Berth.Agent.Engine.ContainerSpec;

namespace Berth.Agent.Tests.Tasks;

/// <summary>The actor against an in-memory Docker engine: which calls it makes in which order, and what it reports.</summary>
public sealed partial class TaskActorTests : IAsyncLifetime
{
    private const string Arn = "arn:aws:ecs:us-east-1:000000000000:task/default/0123456789abcdef";
    private readonly FakeDockerClient docker = new();
    private readonly RecordingSink sink = new();
    private readonly CancellationTokenSource routing = new();
    private readonly List<TaskActor> actors = [];
    private DockerEventRouter router = null!;
    private Task routed = Task.CompletedTask;

    public Task InitializeAsync()
    {
        router = new DockerEventRouter(docker, TimeProvider.System);
        routed = router.RunAsync(routing.Token);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var actor in actors)
        {
            await actor.DisposeAsync();
        }
        await routing.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => routed);
        routing.Dispose();
    }

    [Fact]
    public async Task Start_TwoContainersWithDependsOnStart_CallsDockerInOrder_AndReportsRunningWithBindings()
    {
        docker.Ports["web:1"] = [new Berth.Agent.Docker.PublishedPort(8080, "tcp", "127.0.0.1", 49153)];
        var actor = Launch(
            [Container("db"), Container("web") with { DependsOn = [new ContainerDependency("db", DependencyCondition.Start)] }],
            cluster: "prod");

        var running = await sink.TaskAsync("RUNNING");

        Assert.Equal(
            ["inspect image db:1", "pull db:1", "create db -> c1", "start c1", "inspect c1", "inspect image web:1", "pull web:1", "create web -> c2", "start c2", "inspect c2"],
            docker.Calls);
        Assert.Equal("RUNNING", running.DesiredStatus);
        Assert.Equal("prod", running.Cluster);
        var web = await sink.ContainerAsync("web", "RUNNING");
        Assert.Equal("c2", web.RuntimeId);
        Assert.Equal(new NetworkBinding("127.0.0.1", 8080, 49153, "tcp"), Assert.Single(web.NetworkBindings));
        Assert.True(sink.Reports.OfType<TaskStatusReport>().Select(r => r.Sequence)
            .Concat(sink.Reports.OfType<ContainerStatusReport>().Select(r => r.Sequence)).Order().SequenceEqual(
                Enumerable.Range(1, sink.Reports.Count).Select(i => (long)i)), "report sequence numbers are 1..n");
        Assert.False(actor.Completion.IsCompleted);
    }

    [Fact]
    public async Task Create_NamesAndLabelsContainersAsEcsDoes_KeepingTheGivenLabels()
    {
        Launch([Container("web")], cluster: "prod");
        await sink.TaskAsync("RUNNING");

        var spec = docker.Created["c1"];
        Assert.Matches("^ecs-fam-3-web-[0-9a-f]{20}$", spec.Name);
        Assert.Equal("prod", spec.Labels[EcsLabels.Cluster]);
        Assert.Equal(Arn, spec.Labels[EcsLabels.TaskArn]);
        Assert.Equal("web", spec.Labels[EcsLabels.ContainerName]);
        Assert.Equal("fam", spec.Labels[EcsLabels.TaskDefinitionFamily]);
        Assert.Equal("3", spec.Labels[EcsLabels.TaskDefinitionVersion]);
        Assert.Equal("yes", spec.Labels["mine"]);
    }

    [Fact]
    public async Task PullFailure_ReportsCannotPullContainerError_AndStopsTheTask()
    {
        docker.PullFailures["web:1"] = "manifest for web:1 not found";
        var actor = Launch([Container("web")], options: new TaskActorOptions { PullBehavior = ImagePullBehavior.Default });

        var stopped = await sink.TaskAsync("STOPPED");
        await actor.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("TaskFailedToStart", stopped.StopCode);
        Assert.Equal("CannotPullContainerError: pull image web:1: manifest for web:1 not found", stopped.StoppedReason);
        var web = await sink.ContainerAsync("web", "STOPPED");
        Assert.Equal("CannotPullContainerError: pull image web:1: manifest for web:1 not found", web.Reason);
        Assert.Equal(["pull web:1", "inspect image web:1"], docker.Calls);
    }

    [Fact]
    public async Task CreateFailure_OfAnEssentialContainer_FailsTheTask()
    {
        docker.CreateFailures["web"] = "Error response from daemon: invalid mount config";
        Launch([Container("web")]);

        var stopped = await sink.TaskAsync("STOPPED");

        Assert.Equal("TaskFailedToStart", stopped.StopCode);
        Assert.Equal("CannotCreateContainerError: Error response from daemon: invalid mount config", (await sink.ContainerAsync("web", "STOPPED")).Reason);
    }

    [Fact]
    public async Task StartFailure_OfANonEssentialContainer_LeavesTheTaskRunning()
    {
        docker.StartFailures["extra"] = "Error response from daemon: exec format error";
        var actor = Launch([Container("app"), Container("extra") with { Essential = false }]);

        var extra = await sink.ContainerAsync("extra", "STOPPED");
        await sink.TaskAsync("RUNNING");

        Assert.Equal("CannotStartContainerError: Error response from daemon: exec format error", extra.Reason);
        Assert.All(sink.TaskReports, r => Assert.Equal("RUNNING", r.DesiredStatus));
        Assert.False(actor.Completion.IsCompleted);
    }

    [Fact]
    public async Task PullFailure_WithTheImageOnTheHost_UsesIt()
    {
        docker.PullFailures["web:1"] = "no such host";
        docker.LocalImages["web:1"] = true;
        Launch([Container("web")], options: new TaskActorOptions { PullBehavior = ImagePullBehavior.Default });

        await sink.TaskAsync("RUNNING");

        Assert.Equal(["pull web:1", "inspect image web:1", "create web -> c1", "start c1", "inspect c1"], docker.Calls);
    }

    [Fact]
    public async Task PreferCached_WithTheImageOnTheHost_DoesNotPull()
    {
        docker.LocalImages["web:1"] = true;
        Launch([Container("web")], options: new TaskActorOptions { PullBehavior = ImagePullBehavior.PreferCached });

        await sink.TaskAsync("RUNNING");

        Assert.Equal(["inspect image web:1", "create web -> c1", "start c1", "inspect c1"], docker.Calls);
    }

    [Fact]
    public async Task PullFailure_WithPullBehaviorAlways_FailsEvenWithTheImageOnTheHost()
    {
        docker.PullFailures["web:1"] = "no such host";
        docker.LocalImages["web:1"] = true;
        Launch([Container("web")], options: new TaskActorOptions { PullBehavior = ImagePullBehavior.Always });

        Assert.Equal("TaskFailedToStart", (await sink.TaskAsync("STOPPED")).StopCode);
        Assert.Equal(["pull web:1"], docker.Calls);
    }

    [Fact]
    public async Task EssentialExit_StopsTheOtherContainerWithItsStopTimeout_ThenStopped()
    {
        var actor = Launch([Container("app"), Container("sidecar") with { Essential = false, StopTimeout = TimeSpan.FromSeconds(7) }]);
        await sink.TaskAsync("RUNNING");

        docker.Exit(docker.IdOf("app"), 2);
        var stopped = await sink.TaskAsync("STOPPED");
        await actor.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("EssentialContainerExited", stopped.StopCode);
        Assert.Equal(Reasons.EssentialContainerExited, stopped.StoppedReason);
        Assert.Contains($"stop {docker.IdOf("sidecar")} 7s", docker.Calls);
        Assert.DoesNotContain(docker.Calls, c => c.StartsWith($"stop {docker.IdOf("app")}", StringComparison.Ordinal));
        Assert.Equal(2, (await sink.ContainerAsync("app", "STOPPED")).ExitCode);
        Assert.Equal(143, (await sink.ContainerAsync("sidecar", "STOPPED")).ExitCode);
        Assert.Equal("STOPPED", Assert.Single(sink.TaskReports, r => r.Status == "STOPPED").Status);
    }

    [Fact]
    public async Task OomKill_IsReportedWithEcsReason()
    {
        Launch([Container("app")]);
        await sink.TaskAsync("RUNNING");

        docker.Exit(docker.IdOf("app"), 137, oomKilled: true);

        var app = await sink.ContainerAsync("app", "STOPPED");
        Assert.Equal(137, app.ExitCode);
        Assert.Equal("OutOfMemoryError: Container killed due to memory usage", app.Reason);
    }

    [Fact]
    public async Task HealthEvent_IsReportedForTheContainerAndTheTask_AndReleasesAHealthyDependent()
    {
        Launch([
            Container("db") with { HasHealthCheck = true },
            Container("web") with { DependsOn = [new ContainerDependency("db", DependencyCondition.Healthy)] },
        ]);
        await sink.ContainerAsync("db", "RUNNING");
        Assert.DoesNotContain(docker.Calls, c => c.StartsWith("pull web", StringComparison.Ordinal));

        docker.Health(docker.IdOf("db"), "healthy");

        await sink.TaskAsync("RUNNING");
        Assert.Contains(sink.ContainerReports("db"), r => r.HealthStatus == "HEALTHY");
        Assert.Contains("pull web:1", docker.Calls);
    }

    [Fact]
    public async Task StartTimeout_DependencyNeverHealthy_FailsTheTaskWhenTheTimerFires()
    {
        var actor = Launch([
            Container("db") with { HasHealthCheck = true, StartTimeout = TimeSpan.FromMilliseconds(200) },
            Container("web") with { DependsOn = [new ContainerDependency("db", DependencyCondition.Healthy)] },
        ]);

        var stopped = await sink.TaskAsync("STOPPED");
        await actor.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("TaskFailedToStart", stopped.StopCode);
        Assert.StartsWith(Reasons.ContainerDependencyTimeoutError, stopped.StoppedReason, StringComparison.Ordinal);
        Assert.Contains($"stop {docker.IdOf("db")} 30s", docker.Calls);
    }

    [Fact]
    public async Task NonEssentialExit_LeavesTheTaskRunning()
    {
        var actor = Launch([Container("app"), Container("job") with { Essential = false }]);
        await sink.TaskAsync("RUNNING");

        docker.Exit(docker.IdOf("job"), 0);
        await sink.ContainerAsync("job", "STOPPED");

        Assert.All(sink.TaskReports, r => Assert.Equal("RUNNING", r.DesiredStatus));
        Assert.DoesNotContain(docker.Calls, c => c.StartsWith("stop", StringComparison.Ordinal));
        Assert.False(actor.Completion.IsCompleted);
    }

    [Fact]
    public async Task StopAsync_StopsWithTheDefaultTimeout_AndReportsTheReason()
    {
        var actor = Launch([Container("app")]);
        await sink.TaskAsync("RUNNING");

        await actor.StopAsync("Scaling down", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        var stopped = Assert.Single(sink.TaskReports, r => r.Status == "STOPPED");
        Assert.Equal("UserInitiated", stopped.StopCode);
        Assert.Equal("Scaling down", stopped.StoppedReason);
        Assert.Equal("STOPPED", stopped.DesiredStatus);
        Assert.NotNull(stopped.StoppedAt);
        Assert.Contains($"stop {docker.IdOf("app")} 30s", docker.Calls);
        Assert.Equal(143, (await sink.ContainerAsync("app", "STOPPED")).ExitCode);
    }

    [Fact]
    public async Task StopAsync_BeforeAnythingRan_StopsWithoutDocker()
    {
        docker.PullFailures.Clear();
        var actor = new TaskActor(LaunchOf([Container("app")], null), docker, sink, new TaskEngine(TimeProvider.System), TimeProvider.System);
        actors.Add(actor);
        actor.RequestStop("never mind");
        actor.Start();

        await actor.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Empty(docker.Calls);
        Assert.Equal("never mind", Assert.Single(sink.TaskReports, r => r.Status == "STOPPED").StoppedReason);
    }

    private static EngineContainerSpec Container(string name) => new() { Name = name };

    private TaskActor Launch(ImmutableArray<EngineContainerSpec> containers, string? cluster = null, TaskActorOptions? options = null,
        TimeProvider? time = null, Func<TaskLaunch, TaskLaunch>? change = null)
    {
        time ??= TimeProvider.System;
        var launch = LaunchOf(containers, cluster);
        var actor = new TaskActor(change is null ? launch : change(launch), docker, sink, new TaskEngine(time), time, options);
        actors.Add(actor);
        router.Register(actor);
        actor.Start();
        return actor;
    }

    private static TaskLaunch LaunchOf(ImmutableArray<EngineContainerSpec> containers, string? cluster) => new()
    {
        TaskArn = Arn,
        Cluster = cluster,
        Family = "fam",
        Revision = 3,
        Spec = new TaskSpec { Arn = Arn, Containers = containers },
        Containers = containers.ToImmutableDictionary(
            c => c.Name,
            c => new ContainerLaunch(new DockerContainerSpec
            {
                Image = c.Name + ":1",
                Labels = ImmutableDictionary<string, string>.Empty.Add("mine", "yes"),
            })),
    };
}
