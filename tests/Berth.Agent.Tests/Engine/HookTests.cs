using Berth.Agent.Engine;
using TaskStatus = Berth.Agent.Engine.TaskStatus;
using static Berth.Agent.Engine.EngineAction;
using static Berth.Agent.Engine.EngineEvent;
using static Berth.Agent.Tests.Engine.Specs;

namespace Berth.Agent.Tests.Engine;

/// <summary>The DEACTIVATING and DEPROVISIONING hooks, used only when the spec says there is such work.</summary>
public sealed class HookTests
{
    [Fact]
    public void Decide_RunningTaskWithDeactivationWorkStops_DeactivatesBeforeAnyContainerIsStopped()
    {
        var harness = new EngineHarness(Task(Container("web")) with { HasDeactivationWork = true });
        harness.RunUntilQuiet();

        harness.Feed(new StopRequested());
        Assert.Equal(TaskStatus.Deactivating, harness.State.KnownStatus);
        Expect.Actions("deactivating", harness.Step(), new RunDeactivation(),
            new ReportTaskStatus(TaskStatus.Deactivating, DesiredStatus.Stopped, HealthStatus.Unknown, TaskStopCode.UserInitiated, Reasons.TaskStoppedByUser));
        Expect.Actions("deactivation in flight", harness.Step());

        harness.Feed(new DeactivationDone());

        Assert.Equal(TaskStatus.Stopping, harness.State.KnownStatus);
        Expect.DockerActions("deactivated", harness.Step(), new StopContainer("web", TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Decide_TaskThatNeverRanStops_NoDeactivation()
    {
        var harness = new EngineHarness(Task(Container("web")) with { HasDeactivationWork = true });
        harness.Step();

        harness.Feed(new PullFailed("web", "not found"));

        Assert.DoesNotContain(harness.Step(), a => a is RunDeactivation);
        Assert.Equal(TaskStatus.Stopped, harness.State.KnownStatus);
    }

    [Fact]
    public void Decide_AllContainersStoppedWithTeardownWork_DeprovisioningThenStopped()
    {
        var harness = new EngineHarness(Task(Container("web")) with { HasDeprovisioningWork = true });
        harness.RunUntilQuiet();
        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        harness.Feed(new Exited("web", 0));
        var executionStoppedAt = harness.Clock.GetUtcNow();

        Assert.Equal(TaskStatus.Deprovisioning, harness.State.KnownStatus);
        Assert.Contains(new RunDeprovisioning(), harness.Step());
        harness.Clock.Advance(TimeSpan.FromSeconds(4));
        harness.Feed(new DeprovisioningDone());

        Assert.Equal(TaskStatus.Stopped, harness.State.KnownStatus);
        Assert.Equal(executionStoppedAt, harness.State.ExecutionStoppedAt);
        Assert.Equal(executionStoppedAt.AddSeconds(4), harness.State.StoppedAt);
    }

    [Fact]
    public void Decide_NoHookWork_NeitherDeactivatingNorDeprovisioning()
    {
        var harness = new EngineHarness(Task(Container("web")));
        harness.RunUntilQuiet();
        harness.Feed(new StopRequested());

        var actions = harness.Step();
        harness.Feed(new Exited("web", 0));
        actions = [.. actions, .. harness.Step()];

        Assert.DoesNotContain(actions, a => a is RunDeactivation or RunDeprovisioning);
        Assert.DoesNotContain(actions, a => a is ReportTaskStatus { Status: TaskStatus.Deactivating or TaskStatus.Deprovisioning });
    }
}
