using Berth.Agent.Engine;
using TaskStatus = Berth.Agent.Engine.TaskStatus;
using static Berth.Agent.Engine.EngineAction;
using static Berth.Agent.Engine.EngineEvent;
using static Berth.Agent.Tests.Engine.Specs;

namespace Berth.Agent.Tests.Engine;

/// <summary>Pull, create, start and dependency failures: who gives up, and what the task says about it.</summary>
public sealed class FailureTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Apply_PullFails_TaskFailsToStartWithCannotPullReasonOnContainerAndTask(bool essential)
    {
        var harness = new EngineHarness(Task(Container("web", essential: essential), Container("sidecar")));
        harness.Feed([.. harness.Step().Where(a => a is PullImage { Container: "sidecar" }).Select(EngineHarness.Success).OfType<EngineEvent>()]);

        harness.Feed(new PullFailed("web", "pull access denied for nosuch/image, repository does not exist"));

        const string reason = "CannotPullContainerError: pull access denied for nosuch/image, repository does not exist";
        Expect.Task("web pull failed: nothing ran, nothing to stop", harness.State, TaskStatus.Stopped, DesiredStatus.Stopped, TaskStopCode.TaskFailedToStart, reason);
        Expect.Container("web pull failed", harness.State, "web", ContainerStatus.Stopped, DesiredStatus.Stopped);
        Expect.Container("web pull failed: sidecar was only pulled", harness.State, "sidecar", ContainerStatus.Stopped, DesiredStatus.Stopped);
        Assert.Equal(reason, harness["web"].Reason);
        Assert.Null(harness["sidecar"].Reason);
        Expect.Actions("web pull failed", harness.Step(),
            new ReportContainerStatus("web", "STOPPED", null, reason, HealthStatus.Unknown),
            new ReportContainerStatus("sidecar", "STOPPED", null, null, HealthStatus.Unknown),
            new ReportTaskStatus(TaskStatus.Stopped, DesiredStatus.Stopped, HealthStatus.Unknown, TaskStopCode.TaskFailedToStart, reason));
    }

    [Fact]
    public void Apply_PullFailsWhileAnotherContainerRuns_RunningOneIsStopped()
    {
        var harness = new EngineHarness(Task(Container("web"), Container("sidecar")));
        harness.BringOnly("sidecar", ContainerStatus.Running);

        harness.Feed(new PullFailed("web", "toomanyrequests"));

        Expect.DockerActions("web pull failed", harness.Step(), new StopContainer("sidecar", TimeSpan.FromSeconds(30)));
        harness.Feed(new Exited("sidecar", 143));
        Expect.Task("sidecar stopped", harness.State, TaskStatus.Stopped, DesiredStatus.Stopped,
            TaskStopCode.TaskFailedToStart, "CannotPullContainerError: toomanyrequests");
    }

    [Fact]
    public void Apply_PullFailsAfterStopRequested_NoPullErrorRecorded()
    {
        // The actor cancels a pull when the task is stopped; that cancellation is not the task's failure.
        var harness = new EngineHarness(Task(Container("web")));
        harness.Step();
        harness.Feed(new StopRequested("scaling in", TaskStopCode.ServiceSchedulerInitiated));

        harness.Feed(new PullFailed("web", "context canceled"));

        Assert.Null(harness["web"].Reason);
        Expect.Task("cancelled pull", harness.State, TaskStatus.Stopped, DesiredStatus.Stopped, TaskStopCode.ServiceSchedulerInitiated, "scaling in");
    }

    [Fact]
    public void Apply_EssentialCreateFails_TaskFailsToStartWithCannotCreateReason()
    {
        var harness = new EngineHarness(Task(Container("web")));
        harness.Bring(ContainerStatus.Pulled);
        harness.Step();

        harness.Feed(new CreateFailed("web", "Conflict. The container name is already in use"));

        const string reason = "CannotCreateContainerError: Conflict. The container name is already in use";
        Expect.Task("web create failed", harness.State, TaskStatus.Stopped, DesiredStatus.Stopped, TaskStopCode.TaskFailedToStart, reason);
        Assert.Equal(reason, harness["web"].Reason);
    }

    [Fact]
    public void Apply_EssentialStartFails_CreatedContainerRecordedStoppedWithoutDockerStop()
    {
        var harness = new EngineHarness(Task(Container("web"), Container("db")));
        harness.Bring(ContainerStatus.Created);
        harness.Feed([.. harness.Step().Where(a => a is StartContainer { Container: "db" }).Select(EngineHarness.Success).OfType<EngineEvent>()]);

        harness.Feed(new StartFailed("web", "exec: \"/app\": permission denied"));

        Expect.Container("web start failed", harness.State, "web", ContainerStatus.Stopped, DesiredStatus.Stopped);
        Expect.Task("web start failed", harness.State, TaskStatus.Pending, DesiredStatus.Stopped, TaskStopCode.TaskFailedToStart,
            "CannotStartContainerError: exec: \"/app\": permission denied");
        Expect.DockerActions("web start failed", harness.Step(), new StopContainer("db", TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Apply_NonEssentialStartFails_ContainerGivenUpAndTaskStillRuns()
    {
        var harness = new EngineHarness(Task(Container("web"), Container("metrics", essential: false)));
        harness.Bring(ContainerStatus.Created);
        harness.Feed([.. harness.Step().Where(a => a is StartContainer { Container: "web" }).Select(EngineHarness.Success).OfType<EngineEvent>()]);

        harness.Feed(new StartFailed("metrics", "port is already allocated"));

        Expect.Container("metrics start failed", harness.State, "metrics", ContainerStatus.Stopped, DesiredStatus.Stopped);
        Assert.Equal("CannotStartContainerError: port is already allocated", harness["metrics"].Reason);
        Expect.Task("metrics start failed", harness.State, TaskStatus.Running, DesiredStatus.Running);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(137)]
    public void Apply_SuccessDependencyExitsNonZero_DependentNeverStartsAndTaskFailsToStart(int exitCode)
    {
        var harness = new EngineHarness(Task(
            Container("migrate", essential: false),
            Container("web", dependsOn: [On("migrate", DependencyCondition.Success)]),
            Container("cache")));
        harness.BringOnly("migrate", ContainerStatus.Running);
        harness.Feed(new Pulled("cache"), new Created("cache", "c"));
        harness.Feed([.. harness.Step().Select(EngineHarness.Success).OfType<EngineEvent>()]);
        Expect.Container("setup", harness.State, "cache", ContainerStatus.Running);

        harness.Feed(new Exited("migrate", exitCode));

        var reason = Reasons.DependencyFailed("web", "migrate", DependencyCondition.Success);
        Assert.Equal("ContainerDependencyError: container web cannot start: dependency migrate can no longer meet condition SUCCESS", reason);
        Expect.Task($"migrate exited {exitCode}", harness.State, TaskStatus.Pending, DesiredStatus.Stopped, TaskStopCode.TaskFailedToStart, reason);
        Expect.Container($"migrate exited {exitCode}", harness.State, "web", ContainerStatus.Stopped, DesiredStatus.Stopped);
        Assert.Equal(reason, harness["web"].Reason);
        Expect.DockerActions($"migrate exited {exitCode}: web never pulled, cache stopped", harness.Step(),
            new StopContainer("cache", TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Apply_StartDependencyGivenUpBeforeRunning_DependentFailsToStart()
    {
        var harness = new EngineHarness(Task(
            Container("agent", essential: false),
            Container("web", dependsOn: [On("agent", DependencyCondition.Start)])));
        harness.BringOnly("agent", ContainerStatus.Created);
        Expect.DockerActions("setup", harness.Step(), new StartContainer("agent"), new PullImage("web"));

        harness.Feed(new StartFailed("agent", "OCI runtime create failed"));

        Assert.Equal(TaskStopCode.TaskFailedToStart, harness.State.StopCode);
        Assert.Equal(Reasons.DependencyFailed("web", "agent", DependencyCondition.Start), harness["web"].Reason);
        Assert.Equal("CannotStartContainerError: OCI runtime create failed", harness["agent"].Reason);
    }

    [Fact]
    public void Reasons_VeryLongDockerError_CutTo1024Characters()
    {
        var harness = new EngineHarness(Task(Container("web")));
        harness.Step();

        harness.Feed(new PullFailed("web", new string('x', 5000)));

        Assert.Equal(Reasons.MaxContainerReasonLength, harness["web"].Reason!.Length);
        Assert.StartsWith("CannotPullContainerError: xxx", harness["web"].Reason, StringComparison.Ordinal);
    }
}
