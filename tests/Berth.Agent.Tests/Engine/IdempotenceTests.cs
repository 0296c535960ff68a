using Berth.Agent.Engine;
using static Berth.Agent.Engine.EngineAction;
using static Berth.Agent.Engine.EngineEvent;
using static Berth.Agent.Tests.Engine.Specs;

namespace Berth.Agent.Tests.Engine;

/// <summary>Deciding is a pure read; dispatched work is never issued twice; repeated events change nothing.</summary>
public sealed class IdempotenceTests
{
    [Fact]
    public void Decide_SameStateTwice_SameActions()
    {
        var harness = new EngineHarness(Task(Container("a"), Container("b", dependsOn: [On("a", DependencyCondition.Start)])));
        harness.Feed([.. harness.Step().Select(EngineHarness.Success).OfType<EngineEvent>()]);
        harness.Feed([.. harness.Step().Select(EngineHarness.Success).OfType<EngineEvent>()]);

        var first = harness.Engine.Decide(harness.State);
        var second = harness.Engine.Decide(harness.State);

        Assert.NotEmpty(first);
        Expect.Actions("second decide", second, [.. first]);
    }

    [Fact]
    public void Decide_AfterDispatch_NothingInFlightIsIssuedAgain()
    {
        var harness = new EngineHarness(Task(Container("a"), Container("b")));
        harness.Feed([.. harness.Step().Select(EngineHarness.Success).OfType<EngineEvent>()]);
        Expect.Actions("first", harness.Step(), new CreateContainer("a"), new CreateContainer("b"));

        Expect.Actions("again, creates in flight", harness.Step());
        harness.Feed(new Created("a", "1"));
        Expect.Actions("a created, b still in flight", harness.Step(), new StartContainer("a"));
    }

    [Fact]
    public void Decide_ReportDispatched_NotIssuedAgainUntilSomethingReportableChanges()
    {
        var harness = new EngineHarness(Task(Container("web")));
        harness.RunUntilQuiet();

        Expect.Actions("quiet", harness.Step());
        harness.Feed(new HealthChanged("web", HealthStatus.Healthy)); // no health check: nothing reportable changes
        Expect.Actions("no change", harness.Step());
    }

    [Fact]
    public void Apply_DispatchingAnOperationTwice_ThrowsNamingTheContainer()
    {
        var harness = new EngineHarness(Task(Container("web")));
        harness.Step();

        var error = Assert.Throws<InvalidOperationException>(() => harness.Feed(new Dispatched([new PullImage("web")])));

        Assert.Contains("container web", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_DuplicateOutcomes_StateAndDecisionsUnchanged()
    {
        var harness = new EngineHarness(Task(Container("web")));
        harness.Step();
        harness.Feed(new Pulled("web"));
        harness.Step();
        harness.Feed(new Created("web", "abc"));
        var before = harness["web"];
        var decided = harness.Engine.Decide(harness.State);

        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        harness.Feed(new Pulled("web"), new Created("web", "abc"), new Created("web", "abc"));

        Assert.Equal(before, harness["web"]);
        Assert.Equal(Specs.T0, harness.State.PullStoppedAt);
        Expect.Actions("after duplicates", harness.Engine.Decide(harness.State), [.. decided]);
    }

    [Fact]
    public void Apply_DuplicateFailure_StateUnchanged()
    {
        var harness = new EngineHarness(Task(Container("web")));
        harness.Step();
        harness.Feed(new PullFailed("web", "first"));
        var before = harness.State;

        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        harness.Feed(new PullFailed("web", "second"));

        Assert.Equal("CannotPullContainerError: first", harness["web"].Reason);
        Assert.Equal(before.PullStoppedAt, harness.State.PullStoppedAt);
        Assert.Equal(before.StoppedReason, harness.State.StoppedReason);
    }

    [Fact]
    public void Apply_UnknownContainer_ThrowsArgumentException()
    {
        var harness = new EngineHarness(Task(Container("web")));

        Assert.Throws<ArgumentException>(() => harness.Feed(new Pulled("nope")));
    }
}
