using Berth.Agent.Engine;
using TaskStatus = Berth.Agent.Engine.TaskStatus;
using static Berth.Agent.Engine.EngineAction;
using static Berth.Agent.Engine.EngineEvent;
using static Berth.Agent.Tests.Engine.Specs;

namespace Berth.Agent.Tests.Engine;

/// <summary>Stopping runs dependsOn in reverse, unrelated containers in parallel, each with its own stop timeout.</summary>
public sealed class StopOrderTests
{
    //        top
    //       /   \
    //    left   right      (left, right depend on base; top depends on left and right; loner on nothing)
    //       \   /
    //        base          loner
    private static TaskSpec Diamond() => Task(
        Container("base", stopTimeout: TimeSpan.FromSeconds(5)),
        Container("left", dependsOn: [On("base", DependencyCondition.Start)]),
        Container("right", stopTimeout: TimeSpan.FromSeconds(90), dependsOn: [On("base", DependencyCondition.Start)]),
        Container("top", dependsOn: [On("left", DependencyCondition.Start), On("right", DependencyCondition.Start)]),
        Container("loner", essential: false, stopTimeout: TimeSpan.FromSeconds(2)));

    [Fact]
    public void Decide_DiamondStopped_ReverseDependencyOrderWithParallelSiblings()
    {
        var harness = new EngineHarness(Diamond());
        harness.RunUntilQuiet();
        Assert.Equal(TaskStatus.Running, harness.State.KnownStatus);

        harness.Feed(new StopRequested());
        Expect.DockerActions("stop requested: top and the unrelated loner first", harness.Step(),
            new StopContainer("top", TimeSpan.FromSeconds(30)), new StopContainer("loner", TimeSpan.FromSeconds(2)));

        harness.Feed(new Exited("loner", 0));
        Expect.DockerActions("loner stopped, top still running", harness.Step());

        harness.Feed(new Exited("top", 143));
        Expect.DockerActions("top stopped: both sides at once", harness.Step(),
            new StopContainer("left", TimeSpan.FromSeconds(30)), new StopContainer("right", TimeSpan.FromSeconds(90)));

        harness.Feed(new Exited("left", 143));
        Expect.DockerActions("left stopped, right still running: base waits", harness.Step());
        Assert.Equal(TaskStatus.Stopping, harness.State.KnownStatus);

        harness.Feed(new Exited("right", 137));
        Expect.DockerActions("right stopped", harness.Step(), new StopContainer("base", TimeSpan.FromSeconds(5)));

        harness.Feed(new Exited("base", 0));
        Expect.DockerActions("all stopped", harness.Step());
        Expect.Task("all stopped", harness.State, TaskStatus.Stopped, DesiredStatus.Stopped, TaskStopCode.UserInitiated, Reasons.TaskStoppedByUser);
    }

    [Fact]
    public void Decide_DependentNeverStarted_DependencyStopsWithoutWaiting()
    {
        var harness = new EngineHarness(Task(Container("db", healthCheck: true), Container("app", dependsOn: [On("db", DependencyCondition.Healthy)])));
        harness.BringOnly("db", ContainerStatus.Running);

        harness.Feed(new StopRequested());

        Expect.Container("stop requested", harness.State, "app", ContainerStatus.Stopped);
        Expect.DockerActions("app never started: db stops at once", harness.Step(), new StopContainer("db", TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Decide_StartInFlightWhenStopRequested_StopIssuedOnlyAfterStartReturns()
    {
        var harness = new EngineHarness(Task(Container("web")));
        harness.Bring(ContainerStatus.Created);
        Expect.DockerActions("setup", harness.Step(), new StartContainer("web"));

        harness.Feed(new StopRequested());
        Expect.DockerActions("start in flight", harness.Step());

        harness.Feed(new Started("web"));
        Expect.DockerActions("start returned", harness.Step(), new StopContainer("web", TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Decide_StopFailed_StopIssuedAgain()
    {
        var harness = new EngineHarness(Task(Container("web", stopTimeout: TimeSpan.FromSeconds(10))));
        harness.RunUntilQuiet();
        harness.Feed(new StopRequested());
        Expect.DockerActions("stop requested", harness.Step(), new StopContainer("web", TimeSpan.FromSeconds(10)));
        Expect.DockerActions("stop in flight", harness.Step());

        harness.Feed(new StopFailed("web", "Cannot connect to the Docker daemon"));

        Expect.DockerActions("after stop failed", harness.Step(), new StopContainer("web", TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Decide_DefaultStopTimeoutFromOptions_UsedWhenSpecHasNone()
    {
        var harness = new EngineHarness(Task(Container("web")), new EngineOptions { DefaultStopTimeout = TimeSpan.FromSeconds(7) });
        harness.RunUntilQuiet();

        harness.Feed(new StopRequested());

        Expect.DockerActions("stop requested", harness.Step(), new StopContainer("web", TimeSpan.FromSeconds(7)));
    }
}
