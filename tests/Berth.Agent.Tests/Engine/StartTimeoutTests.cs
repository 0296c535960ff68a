using Berth.Agent.Engine;
using TaskStatus = Berth.Agent.Engine.TaskStatus;
using static Berth.Agent.Engine.EngineAction;
using static Berth.Agent.Engine.EngineEvent;
using static Berth.Agent.Tests.Engine.Specs;

namespace Berth.Agent.Tests.Engine;

/// <summary>A dependency's startTimeout bounds how long dependents wait for it, on an injected clock.</summary>
public sealed class StartTimeoutTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void Decide_DependentWaitsForHealthyUnderStartTimeout_ArmsOneTimerAtStartPlusTimeout()
    {
        var harness = Waiting(out var startedAt);

        var actions = harness.Step();

        Assert.Contains(new ArmStartTimeout("db", startedAt + Timeout), actions);
        Assert.DoesNotContain(harness.Step(), a => a is ArmStartTimeout);
    }

    [Fact]
    public void Apply_TimerFiresAtDeadlineWhileStillWaiting_TaskFailsToStartAndDependentNeverStarts()
    {
        var harness = Waiting(out _);
        harness.Step();

        harness.Clock.Advance(Timeout);
        harness.Feed(new DependencyTimedOut("db"));

        var reason = Reasons.DependencyTimedOut("app", "db", DependencyCondition.Healthy, Timeout);
        Assert.Equal("ContainerDependencyTimeoutError: container app cannot start: dependency db did not meet condition HEALTHY within 30s", reason);
        Expect.Task("timed out", harness.State, TaskStatus.Pending, DesiredStatus.Stopped, TaskStopCode.TaskFailedToStart, reason);
        Expect.Container("timed out", harness.State, "app", ContainerStatus.Stopped, DesiredStatus.Stopped);
        Assert.Equal(reason, harness["app"].Reason);
        Expect.DockerActions("timed out: db is stopped, app never pulled", harness.Step(), new StopContainer("db", TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Apply_TimerFiresEarly_NothingFailsAndTimerIsArmedAgain()
    {
        var harness = Waiting(out var startedAt);
        harness.Step();

        harness.Clock.Advance(Timeout - TimeSpan.FromSeconds(1));
        harness.Feed(new DependencyTimedOut("db"));

        Assert.Equal(DesiredStatus.Running, harness.State.DesiredStatus);
        Assert.Contains(new ArmStartTimeout("db", startedAt + Timeout), harness.Step());
    }

    [Fact]
    public void Apply_AnyEventAfterDeadline_DetectsTimeoutWithoutWaitingForTheTimer()
    {
        var harness = Waiting(out _);
        harness.Step();

        harness.Clock.Advance(Timeout + TimeSpan.FromSeconds(5));
        harness.Feed(new HealthChanged("db", HealthStatus.Unhealthy));

        Assert.Equal(TaskStopCode.TaskFailedToStart, harness.State.StopCode);
    }

    [Fact]
    public void Apply_DependencyHealthyBeforeDeadline_NoTimeoutEvenWhenTimerFiresLater()
    {
        var harness = Waiting(out _);
        harness.Step();
        harness.Clock.Advance(TimeSpan.FromSeconds(10));
        harness.Feed(new HealthChanged("db", HealthStatus.Healthy));
        Expect.DockerActions("db healthy", harness.Step(), new PullImage("app"));
        harness.Feed(new Pulled("app"));

        harness.Clock.Advance(Timeout);
        harness.Feed(new DependencyTimedOut("db"));

        Assert.Null(harness.State.StopCode);
        Expect.Actions("after late timer", harness.Step(), new CreateContainer("app"));
    }

    [Fact]
    public void Decide_DependencyWithoutStartTimeout_NoTimerAndWaitsForever()
    {
        var harness = new EngineHarness(Task(Container("db", healthCheck: true), Container("app", dependsOn: [On("db", DependencyCondition.Healthy)])));
        harness.RunUntilQuiet();

        harness.Clock.Advance(TimeSpan.FromDays(1));
        harness.Feed(new HealthChanged("db", HealthStatus.Unhealthy));

        Assert.DoesNotContain(harness.Step(), a => a is ArmStartTimeout);
        Assert.Equal(DesiredStatus.Running, harness.State.DesiredStatus);
    }

    [Fact]
    public void Decide_StartConditionOnDependencyWithStartTimeout_NoTimer()
    {
        var harness = new EngineHarness(Task(Container("proxy", startTimeout: Timeout), Container("app", dependsOn: [On("proxy", DependencyCondition.Start)])));

        var actions = harness.RunUntilQuiet();

        Assert.DoesNotContain(actions, a => a is ArmStartTimeout);
        Assert.Equal(TaskStatus.Running, harness.State.KnownStatus);
    }

    /// <summary>db (HEALTHY dependency, 30 s start timeout) running and not healthy; app waiting on it.</summary>
    private static EngineHarness Waiting(out DateTimeOffset startedAt)
    {
        var harness = new EngineHarness(Task(
            Container("db", healthCheck: true, startTimeout: Timeout),
            Container("app", dependsOn: [On("db", DependencyCondition.Healthy)])));
        harness.Feed([.. harness.Step().Select(EngineHarness.Success).OfType<EngineEvent>()]);
        harness.Feed([.. harness.Step().Select(EngineHarness.Success).OfType<EngineEvent>()]);
        harness.Clock.Advance(TimeSpan.FromSeconds(3));
        Expect.Actions("setup: only db starts", harness.Step(), new StartContainer("db"));
        harness.Feed(new Started("db"));
        startedAt = harness.Clock.GetUtcNow();
        return harness;
    }
}
