using System.Collections.Immutable;
using Berth.Agent.Engine;
using Berth.Agent.Host;
using Berth.Agent.Launch;
using Berth.Agent.Tasks;
using Berth.Agent.Tests.Tasks;
using Berth.AgentProtocol;
using Berth.Aws.Generated.Ecs;
using Microsoft.Extensions.Logging.Abstractions;
using DockerContainerSpec = Berth.Agent.Docker.ContainerSpec;
using EcsTask = Berth.Aws.Generated.Ecs.Task;
using EngineContainerSpec = Berth.Agent.Engine.ContainerSpec;
using Task = System.Threading.Tasks.Task;

namespace Berth.Agent.Tests.Host;

/// <summary>The supervisor starts each assigned task once and stops it when the control plane no longer wants it.</summary>
public sealed class TaskSupervisorTests : IAsyncLifetime
{
    private const string Arn = "arn:aws:ecs:us-east-1:000000000000:task/default/t1";
    private const string Unsupported = "arn:aws:ecs:us-east-1:000000000000:task/default/unsupported";

    private readonly FakeDockerClient docker = new();
    private readonly RecordingSink sink = new();
    private readonly CancellationTokenSource routing = new();
    private DockerEventRouter router = null!;
    private Task routed = Task.CompletedTask;
    private TaskSupervisor supervisor = null!;

    public Task InitializeAsync()
    {
        router = new DockerEventRouter(docker, TimeProvider.System);
        routed = router.RunAsync(routing.Token);
        supervisor = new TaskSupervisor("arn:aws:ecs:us-east-1:000000000000:container-instance/default/i1", docker, sink, router, new TaskEngine(TimeProvider.System), TimeProvider.System, new TaskActorOptions(), NullLogger.Instance, Translate);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await supervisor.DisposeAsync();
        await routing.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => routed);
        routing.Dispose();
    }

    [Fact]
    public async Task RunningAssignmentAppliedTwiceStartsOneActor()
    {
        supervisor.Apply(Payload(fullSync: false, Assignment(Arn, "RUNNING")));
        supervisor.Apply(Payload(fullSync: false, Assignment(Arn, "RUNNING")));

        await sink.TaskAsync("RUNNING");

        Assert.Equal(1, supervisor.Count);
        Assert.Single(docker.Calls, c => c.StartsWith("create", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DesiredStoppedStopsTheActor()
    {
        supervisor.Apply(Payload(fullSync: false, Assignment(Arn, "RUNNING")));
        await sink.TaskAsync("RUNNING");

        supervisor.Apply(Payload(fullSync: false, Assignment(Arn, "STOPPED", "Task stopped by user")));

        Assert.Equal("Task stopped by user", (await sink.TaskAsync("STOPPED")).StoppedReason);
    }

    [Fact]
    public async Task FullSyncWithoutTheTaskStopsIt()
    {
        supervisor.Apply(Payload(fullSync: false, Assignment(Arn, "RUNNING")));
        await sink.TaskAsync("RUNNING");

        supervisor.Apply(Payload(fullSync: true));

        Assert.Contains("no longer assigned", (await sink.TaskAsync("STOPPED")).StoppedReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnsupportedTaskIsReportedStoppedWithoutContainers()
    {
        supervisor.Apply(Payload(fullSync: false, Assignment(Unsupported, "RUNNING")));

        var stopped = await sink.TaskAsync("STOPPED");

        Assert.Equal(Unsupported, stopped.TaskArn);
        Assert.Equal("first problem. second problem.", stopped.StoppedReason);
        Assert.Empty(docker.Calls);
        Assert.Equal(0, supervisor.Count);
    }

    [Fact]
    public async Task FinishedTaskListedAgainAsRunningIsNotRestarted()
    {
        supervisor.Apply(Payload(fullSync: false, Assignment(Arn, "RUNNING")));
        await sink.TaskAsync("RUNNING");
        supervisor.Apply(Payload(fullSync: false, Assignment(Arn, "STOPPED", "done")));
        await sink.TaskAsync("STOPPED");

        supervisor.Apply(Payload(fullSync: true, Assignment(Arn, "RUNNING")));

        // The stopped actor waits for its cleanup; no second one is made for the same task.
        Assert.Equal(1, supervisor.Count);
        Assert.Single(docker.Calls, c => c.StartsWith("create", StringComparison.Ordinal));
    }

    private static PayloadMessage Payload(bool fullSync, params TaskAssignment[] tasks) => new(Guid.NewGuid().ToString(), fullSync, tasks);

    private static TaskAssignment Assignment(string arn, string desired, string? reason = null) =>
        new(new EcsTask { TaskArn = arn, DesiredStatus = desired, LastStatus = "PENDING", StoppedReason = reason }, new TaskDefinition());

    /// <summary>The translate seam: one container named "app", or the translator's refusal for <see cref="Unsupported"/>.</summary>
    private static TaskLaunch Translate(TaskAssignment assignment)
    {
        var arn = assignment.Task.TaskArn!;
        if (arn == Unsupported)
        {
            throw new UnsupportedTaskException(["first problem.", "second problem."]);
        }

        ImmutableArray<EngineContainerSpec> containers = [new EngineContainerSpec { Name = "app" }];
        return new TaskLaunch
        {
            TaskArn = arn,
            Family = "fam",
            Revision = 1,
            Spec = new TaskSpec { Arn = arn, Containers = containers },
            Containers = containers.ToImmutableDictionary(c => c.Name, _ => new ContainerLaunch(new DockerContainerSpec { Image = "app:1" })),
        };
    }
}
