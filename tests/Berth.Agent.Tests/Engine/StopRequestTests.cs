using Berth.Agent.Engine;
using TaskStatus = Berth.Agent.Engine.TaskStatus;
using static Berth.Agent.Engine.EngineAction;
using static Berth.Agent.Engine.EngineEvent;
using static Berth.Agent.Tests.Engine.Specs;

namespace Berth.Agent.Tests.Engine;

/// <summary>StopTask and other outside stop requests: stop code, reason, and what happens to work in flight.</summary>
public sealed class StopRequestTests
{
    [Fact]
    public void Apply_StopRequestedWithoutReason_UserInitiatedTaskStoppedByUser()
    {
        var harness = new EngineHarness(Task(Container("web")));
        harness.RunUntilQuiet();

        harness.Feed(new StopRequested());

        Expect.Task("stop requested", harness.State, TaskStatus.Stopping, DesiredStatus.Stopped, TaskStopCode.UserInitiated, "Task stopped by user");
        Assert.Contains(new ReportTaskStatus(TaskStatus.Stopping, DesiredStatus.Stopped, HealthStatus.Unknown, TaskStopCode.UserInitiated, "Task stopped by user"),
            harness.Step());
    }

    [Fact]
    public void Apply_StopRequestedWithReasonAndCode_Kept()
    {
        var harness = new EngineHarness(Task(Container("web")));
        harness.RunUntilQuiet();

        harness.Feed(new StopRequested("Scaling activity initiated by (deployment ecs-svc/1234)", TaskStopCode.ServiceSchedulerInitiated));

        Expect.Task("stop requested", harness.State, TaskStatus.Stopping, DesiredStatus.Stopped,
            TaskStopCode.ServiceSchedulerInitiated, "Scaling activity initiated by (deployment ecs-svc/1234)");
    }

    [Fact]
    public void Apply_EssentialExitAfterStopRequested_FirstStopCodeAndReasonStick()
    {
        var harness = new EngineHarness(Task(Container("web"), Container("worker")));
        harness.RunUntilQuiet();
        harness.Feed(new StopRequested("deploy"));

        harness.Feed(new Exited("web", 143), new StopRequested("again", TaskStopCode.SpotInterruption));

        Expect.Task("second stop", harness.State, TaskStatus.Stopping, DesiredStatus.Stopped, TaskStopCode.UserInitiated, "deploy");
    }

    [Fact]
    public void Apply_StopRequestedBeforeAnything_TaskStoppedAtOnceWithoutDocker()
    {
        var harness = new EngineHarness(Task(Container("web"), Container("db")));

        harness.Feed(new StopRequested());

        Expect.Task("stopped before start", harness.State, TaskStatus.Stopped, DesiredStatus.Stopped, TaskStopCode.UserInitiated, Reasons.TaskStoppedByUser);
        Expect.DockerActions("stopped before start", harness.Step());
    }

    [Fact]
    public void Apply_StopRequestedWhilePulling_ContainerRecordedStoppedWhenPullReturns()
    {
        var harness = new EngineHarness(Task(Container("web")));
        harness.Step();

        harness.Feed(new StopRequested());
        Expect.Container("pull in flight", harness.State, "web", ContainerStatus.None, DesiredStatus.Stopped);
        Expect.DockerActions("pull in flight", harness.Step());

        harness.Feed(new Pulled("web"));

        Expect.Container("pull returned", harness.State, "web", ContainerStatus.Stopped);
        Assert.Equal(TaskStatus.Stopped, harness.State.KnownStatus);
        Expect.DockerActions("pull returned", harness.Step());
    }

    [Fact]
    public void Apply_StopRequestedAfterStopped_NothingChanges()
    {
        var harness = new EngineHarness(Task(Container("web")));
        harness.RunUntilQuiet();
        harness.Feed(new Exited("web", 0));
        harness.Step();

        harness.Feed(new StopRequested("late"));

        Expect.Task("late stop", harness.State, TaskStatus.Stopped, DesiredStatus.Stopped, TaskStopCode.EssentialContainerExited, Reasons.EssentialContainerExited);
        Expect.Actions("late stop", harness.Step());
    }
}
