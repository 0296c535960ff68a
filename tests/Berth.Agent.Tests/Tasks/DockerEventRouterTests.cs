using System.Collections.Immutable;
using Berth.Agent.Engine;
using Berth.Agent.Tasks;
using DockerContainerSpec = Berth.Agent.Docker.ContainerSpec;
using EngineContainerSpec = Berth.Agent.Engine.ContainerSpec;

namespace Berth.Agent.Tests.Tasks;

public sealed class DockerEventRouterTests
{
    private const string Arn = "arn:aws:ecs:us-east-1:000000000000:task/default/router";

    [Fact]
    public async Task RunAsync_StreamBreaks_ReconnectsSinceTheLastEvent_AndKeepsRouting()
    {
        var docker = new FakeDockerClient();
        var sink = new RecordingSink();
        var router = new DockerEventRouter(docker, TimeProvider.System) { MinBackoff = TimeSpan.FromMilliseconds(10) };
        using var routing = new CancellationTokenSource();
        var routed = router.RunAsync(routing.Token);
        EngineContainerSpec[] specs = [new() { Name = "app" }, new() { Name = "job", Essential = false }];
        var launch = new TaskLaunch
        {
            TaskArn = Arn,
            Family = "fam",
            Revision = 1,
            Spec = new TaskSpec { Arn = Arn, Containers = [.. specs] },
            Containers = specs.ToImmutableDictionary(c => c.Name, c => new ContainerLaunch(new DockerContainerSpec { Image = c.Name + ":1" })),
        };
        await using var actor = new TaskActor(launch, docker, sink, new TaskEngine(TimeProvider.System), TimeProvider.System);
        router.Register(actor);
        actor.Start();
        await sink.TaskAsync("RUNNING");

        docker.Exit(docker.IdOf("job"), 0);
        await sink.ContainerAsync("job", "STOPPED");
        docker.BreakEventStream();
        docker.Exit(docker.IdOf("app"), 1);

        Assert.Equal("EssentialContainerExited", (await sink.TaskAsync("STOPPED")).StopCode);
        Assert.Equal(2, docker.EventQueries.Count);
        Assert.Equal(FakeDockerClient.EventTime(1), docker.EventQueries[1].Since);
        Assert.All(docker.EventQueries, q => Assert.Equal(EcsLabels.TaskArn, Assert.Single(q.Labels).Key));
        Assert.Equal(["die", "oom", "health_status"], docker.EventQueries[0].Actions);

        await routing.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => routed);
    }
}
