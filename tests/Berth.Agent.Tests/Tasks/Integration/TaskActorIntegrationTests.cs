using System.Collections.Immutable;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Berth.Agent.Docker;
using Berth.Agent.Engine;
using Berth.Agent.Tasks;
using Berth.Agent.Tests.Docker.Integration;
using EngineContainerSpec = Berth.Agent.Engine.ContainerSpec;

namespace Berth.Agent.Tests.Tasks.Integration;

/// <summary>Task actors driving real containers of the test image; every container carries the run label of
/// <see cref="TestContainers"/>, which removes them whatever happens.</summary>
[Collection(DockerEngineCollection.Name)]
public sealed class TaskActorIntegrationTests(DockerEngineFixture engine) : IAsyncLifetime
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);
    private readonly TestContainers containers = new(engine.Client);
    private readonly RecordingSink sink = new();
    private readonly CancellationTokenSource routing = new();
    private readonly List<TaskActor> actors = [];
    private DockerEventRouter router = null!;
    private Task routed = Task.CompletedTask;

    private string Arn => "arn:aws:ecs:us-east-1:000000000000:task/berth-test/" + containers.Prefix;

    public Task InitializeAsync()
    {
        router = new DockerEventRouter(engine.Client, TimeProvider.System);
        routed = router.RunAsync(routing.Token);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        try
        {
            foreach (var actor in actors)
            {
                await actor.DisposeAsync();
            }
            await routing.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => routed);
        }
        finally
        {
            routing.Dispose();
            await containers.DisposeAsync();
        }
    }

    [Fact]
    public async Task Httpd_WithDynamicPort_ReachesRunning_AndItsNetworkBindingAnswersHttp()
    {
        var actor = Launch(("web", new EngineContainerSpec { Name = "web", StopTimeout = TimeSpan.FromSeconds(2) },
            Spec("httpd", "-f", "-p", "8080") with { PortMappings = [new PortMapping { ContainerPort = 8080, HostIp = "127.0.0.1", HostPort = 0 }] }));

        await sink.TaskAsync("RUNNING", Guard);
        var web = await sink.ContainerAsync("web", "RUNNING", Guard);

        var binding = Assert.Single(web.NetworkBindings);
        Assert.Equal(new NetworkBinding("127.0.0.1", 8080, binding.HostPort, "tcp"), binding);
        Assert.InRange(binding.HostPort, 1024, 65535);
        using var deadline = Deadline.After(30);
        var answer = await Deadline.PollAsync(ct => GetAsync(binding.HostPort, ct), $"an HTTP answer on 127.0.0.1:{binding.HostPort}", deadline.Token);
        Assert.StartsWith("HTTP/1.", answer, StringComparison.Ordinal);

        var info = await engine.Client.InspectContainerAsync(web.RuntimeId!, deadline.Token);
        Assert.Matches($"^ecs-berth-test-7-web-[0-9a-f]{{20}}$", info.Name);
        Assert.Equal(Arn, info.Labels[EcsLabels.TaskArn]);
        Assert.Equal("web", info.Labels[EcsLabels.ContainerName]);
        Assert.Equal("berth-test", info.Labels[EcsLabels.TaskDefinitionFamily]);
        Assert.Equal("7", info.Labels[EcsLabels.TaskDefinitionVersion]);
        Assert.Equal("berth-test-cluster", info.Labels[EcsLabels.Cluster]);

        await actor.StopAsync(null, deadline.Token);
        Assert.Equal("STOPPED", (await sink.ContainerAsync("web", "STOPPED", Guard)).Status);
    }

    [Fact]
    public async Task EssentialContainerExiting_StopsTheTask_WithItsExitCode()
    {
        var actor = Launch(("app", new EngineContainerSpec { Name = "app" }, Spec("sh", "-c", "sleep 1; exit 3")));

        var stopped = await sink.TaskAsync("STOPPED", Guard);
        await actor.Completion.WaitAsync(Guard);

        Assert.Equal("EssentialContainerExited", stopped.StopCode);
        Assert.Equal(Reasons.EssentialContainerExited, stopped.StoppedReason);
        Assert.Equal(3, (await sink.ContainerAsync("app", "STOPPED", Guard)).ExitCode);
        Assert.Contains(sink.TaskReports, r => r.Status == "RUNNING");
    }

    [Fact]
    public async Task NonEssentialContainerExiting_LeavesTheTaskRunning()
    {
        var actor = Launch(
            ("app", new EngineContainerSpec { Name = "app", StopTimeout = TimeSpan.FromSeconds(2) }, Spec("sleep", "1000") with { Init = true }),
            ("job", new EngineContainerSpec { Name = "job", Essential = false }, Spec("sh", "-c", "exit 5")));

        var job = await sink.ContainerAsync("job", "STOPPED", Guard);

        Assert.Equal(5, job.ExitCode);
        Assert.All(sink.TaskReports, r => Assert.Equal("RUNNING", r.DesiredStatus));
        Assert.False(actor.Completion.IsCompleted);

        using var deadline = Deadline.After(30);
        await actor.StopAsync("done", deadline.Token);
        Assert.Equal(143, (await sink.ContainerAsync("app", "STOPPED", Guard)).ExitCode);
    }

    [Fact]
    public async Task StopRequest_ContainerIgnoringSigterm_IsKilledAfterItsStopTimeout()
    {
        var actor = Launch(("trap", new EngineContainerSpec { Name = "trap", StopTimeout = TimeSpan.FromSeconds(2) },
            Spec("sh", "-c", "trap '' TERM; sleep 1000")));
        await sink.ContainerAsync("trap", "RUNNING", Guard);

        using var deadline = Deadline.After(60);
        var clock = Stopwatch.StartNew();
        await actor.StopAsync("Scaling down", deadline.Token);
        var elapsed = clock.Elapsed;

        var stopped = Assert.Single(sink.TaskReports, r => r.Status == "STOPPED");
        Assert.Equal("UserInitiated", stopped.StopCode);
        Assert.Equal("Scaling down", stopped.StoppedReason);
        Assert.Equal(137, (await sink.ContainerAsync("trap", "STOPPED", Guard)).ExitCode);
        Assert.InRange(elapsed, TimeSpan.FromSeconds(1.8), TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task SecondActorForTheSameTask_AdoptsTheRunningContainer_AndStopsIt()
    {
        var part = ("app", new EngineContainerSpec { Name = "app", StopTimeout = TimeSpan.FromSeconds(2) }, Spec("sleep", "1000") with { Init = true });
        var first = Launch(part);
        var running = await sink.ContainerAsync("app", "RUNNING", Guard);
        await first.DisposeAsync();

        var again = new RecordingSink();
        var second = Launch(again, part);
        var adopted = await again.ContainerAsync("app", "RUNNING", Guard);
        await again.TaskAsync("RUNNING", Guard);

        Assert.Equal(running.RuntimeId, adopted.RuntimeId);
        using var deadline = Deadline.After(30);
        var info = await engine.Client.InspectContainerAsync(adopted.RuntimeId!, deadline.Token);
        Assert.True(info.State.Running);
        var listed = await engine.Client.ListContainersAsync([new LabelFilter(EcsLabels.TaskArn, Arn)], deadline.Token);
        Assert.Equal(adopted.RuntimeId, Assert.Single(listed).Id);

        await second.StopAsync("done", deadline.Token);
        Assert.Equal("STOPPED", Assert.Single(again.TaskReports, r => r.Status == "STOPPED").Status);
        Assert.False((await engine.Client.InspectContainerAsync(adopted.RuntimeId!, deadline.Token)).State.Running);
    }

    private Berth.Agent.Docker.ContainerSpec Spec(params string[] command) => containers.Spec("unused", command) with { Name = null };

    private TaskActor Launch(params (string Name, EngineContainerSpec Engine, Berth.Agent.Docker.ContainerSpec Docker)[] parts) =>
        Launch(sink, parts);

    private TaskActor Launch(ITaskStatusSink to, params (string Name, EngineContainerSpec Engine, Berth.Agent.Docker.ContainerSpec Docker)[] parts)
    {
        var launch = new TaskLaunch
        {
            TaskArn = Arn,
            Cluster = "berth-test-cluster",
            Family = "berth-test",
            Revision = 7,
            Spec = new TaskSpec { Arn = Arn, Containers = [.. parts.Select(p => p.Engine)] },
            Containers = parts.ToImmutableDictionary(p => p.Name, p => new ContainerLaunch(p.Docker)),
        };
        var actor = new TaskActor(launch, engine.Client, to, new TaskEngine(TimeProvider.System), TimeProvider.System);
        actors.Add(actor);
        router.Register(actor);
        actor.Start();
        return actor;
    }

    private static async Task<string?> GetAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port, cancellationToken);
            var stream = client.GetStream();
            await stream.WriteAsync("GET / HTTP/1.0\r\n\r\n"u8.ToArray(), cancellationToken);
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, cancellationToken);
            return read > 0 ? Encoding.ASCII.GetString(buffer, 0, read) : null;
        }
        catch (SocketException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
