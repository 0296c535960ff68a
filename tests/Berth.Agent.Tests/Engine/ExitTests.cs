using Berth.Agent.Engine;
using TaskStatus = Berth.Agent.Engine.TaskStatus;
using static Berth.Agent.Engine.EngineAction;
using static Berth.Agent.Engine.EngineEvent;
using static Berth.Agent.Tests.Engine.Specs;

namespace Berth.Agent.Tests.Engine;

/// <summary>An essential container's exit stops the task; a non-essential one's does not.</summary>
public sealed class ExitTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(137)]
    public void Apply_EssentialContainerExitsWithAnyCode_TaskStopsAndOthersAreStopped(int exitCode)
    {
        var harness = new EngineHarness(Task(Container("web"), Container("sidecar", essential: false), Container("worker")));
        harness.RunUntilQuiet();

        harness.Feed(new Exited("web", exitCode));

        Expect.Task($"web exited {exitCode}", harness.State, TaskStatus.Stopping, DesiredStatus.Stopped,
            TaskStopCode.EssentialContainerExited, "Essential container in task exited");
        Expect.Container($"web exited {exitCode}", harness.State, "web", ContainerStatus.Stopped, DesiredStatus.Stopped);
        Assert.Equal(exitCode, harness["web"].ExitCode);
        Expect.DockerActions($"web exited {exitCode}", harness.Step(),
            new StopContainer("sidecar", TimeSpan.FromSeconds(30)), new StopContainer("worker", TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Apply_EssentialExitThenOthersStop_TaskReportedStoppedOnlyWhenLastContainerStopped()
    {
        var harness = new EngineHarness(Task(Container("web"), Container("worker")));
        harness.RunUntilQuiet();
        harness.Feed(new Exited("web", 2));
        harness.Step();

        Assert.Equal(TaskStatus.Stopping, harness.State.KnownStatus);
        harness.Feed(new Exited("worker", 143));

        Assert.Equal(TaskStatus.Stopped, harness.State.KnownStatus);
        Assert.Contains(new ReportTaskStatus(TaskStatus.Stopped, DesiredStatus.Stopped, HealthStatus.Unknown,
            TaskStopCode.EssentialContainerExited, Reasons.EssentialContainerExited), harness.Step());
    }

    [Fact]
    public void Apply_NonEssentialContainerExits_TaskKeepsRunningAndOnlyItsReportChanges()
    {
        var harness = new EngineHarness(Task(Container("web"), Container("migrate", essential: false)));
        harness.RunUntilQuiet();

        harness.Feed(new Exited("migrate", 0));

        Expect.Task("migrate exited", harness.State, TaskStatus.Running, DesiredStatus.Running);
        Expect.Actions("migrate exited", harness.Step(), new ReportContainerStatus("migrate", "STOPPED", 0, null, HealthStatus.Unknown));
    }

    [Fact]
    public void Apply_EssentialContainerExitsBeforeTaskRan_EssentialContainerExitedAndTaskStaysPendingUntilStopped()
    {
        var harness = new EngineHarness(Task(Container("web"), Container("slow")));
        harness.BringOnly("web", ContainerStatus.Running);

        harness.Feed(new Exited("web", 1));

        Expect.Task("web exited while slow pulls", harness.State, TaskStatus.Pending, DesiredStatus.Stopped,
            TaskStopCode.EssentialContainerExited, Reasons.EssentialContainerExited);
        Expect.DockerActions("slow's pull still in flight", harness.Step());
        harness.Feed(new Pulled("slow"));
        Expect.Container("slow pulled after the stop", harness.State, "slow", ContainerStatus.Stopped);
        Assert.Equal(TaskStatus.Stopped, harness.State.KnownStatus);
    }

    [Fact]
    public void Apply_ExitedTwice_SecondReportIgnored()
    {
        var harness = new EngineHarness(Task(Container("web"), Container("job", essential: false)));
        harness.RunUntilQuiet();
        harness.Clock.Advance(TimeSpan.FromSeconds(5));
        harness.Feed(new Exited("job", 3));
        var first = harness["job"];

        harness.Clock.Advance(TimeSpan.FromSeconds(5));
        harness.Feed(new Exited("job", 0, "something else"));

        Assert.Equal(first, harness["job"]);
    }

    [Fact]
    public void Apply_ExitedWithReason_ReasonRecordedAndReported()
    {
        const string oom = "OutOfMemoryError: Container killed due to memory usage";
        var harness = new EngineHarness(Task(Container("web")));
        harness.RunUntilQuiet();

        harness.Feed(new Exited("web", 137, oom));

        Assert.Equal(oom, harness["web"].Reason);
        Assert.Contains(new ReportContainerStatus("web", "STOPPED", 137, oom, HealthStatus.Unknown), harness.Step());
    }

    [Fact]
    public void Apply_ExitSeenBeforeStartReturned_ContainerCountsAsHavingRun()
    {
        // Docker's die event can overtake the start call's return; a SUCCESS dependent must still proceed.
        var harness = new EngineHarness(Task(Container("init", essential: false), Container("app", dependsOn: [On("init", DependencyCondition.Success)])));
        harness.BringOnly("init", ContainerStatus.Created);
        Expect.DockerActions("setup", harness.Step(), new StartContainer("init"));

        harness.Feed(new Exited("init", 0), new Started("init"));

        Assert.Null(harness.State.StopCode);
        Assert.Null(harness["init"].InFlight);
        Assert.Equal(Specs.T0, harness["init"].StartedAt);
        Expect.DockerActions("init exited 0", harness.Step(), new PullImage("app"));
    }
}
