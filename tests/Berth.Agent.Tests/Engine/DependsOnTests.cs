using Berth.Agent.Engine;
using TaskStatus = Berth.Agent.Engine.TaskStatus;
using static Berth.Agent.Engine.EngineAction;
using static Berth.Agent.Engine.EngineEvent;
using static Berth.Agent.Tests.Engine.Specs;

namespace Berth.Agent.Tests.Engine;

/// <summary>Containers start in dependsOn order, and only in that order.</summary>
public sealed class DependsOnTests
{
    [Fact]
    public void Decide_NoDependencies_AllContainersPulledCreatedAndStartedInParallel()
    {
        var harness = new EngineHarness(Task(Container("a"), Container("b", essential: false), Container("c")));

        Expect.DockerActions("first step", harness.Step(), new PullImage("a"), new PullImage("b"), new PullImage("c"));
        harness.Feed(new Pulled("a"), new Pulled("b"), new Pulled("c"));
        Expect.DockerActions("after pulls", harness.Step(), new CreateContainer("a"), new CreateContainer("b"), new CreateContainer("c"));
        harness.Feed(new Created("a", "1"), new Created("b", "2"), new Created("c", "3"));
        Expect.DockerActions("after creates", harness.Step(), new StartContainer("a"), new StartContainer("b"), new StartContainer("c"));
    }

    [Fact]
    public void Decide_StartDependency_DependentCreatedOnceDependencyCreatedAndStartedOnceItRuns()
    {
        var harness = new EngineHarness(Task(Container("proxy"), Container("app", dependsOn: [On("proxy", DependencyCondition.Start)])));

        Expect.DockerActions("first step: app waits for proxy to exist", harness.Step(), new PullImage("proxy"));
        harness.Feed(new Pulled("proxy"));
        Expect.DockerActions("proxy pulled", harness.Step(), new CreateContainer("proxy"));
        harness.Feed(new Created("proxy", "p"));
        Expect.DockerActions("proxy created: app may be pulled", harness.Step(), new StartContainer("proxy"), new PullImage("app"));
        harness.Feed(new Pulled("app"));
        Expect.DockerActions("app pulled: it may be created", harness.Step(), new CreateContainer("app"));
        harness.Feed(new Created("app", "a"));
        Expect.DockerActions("app created but proxy not running yet", harness.Step());
        harness.Feed(new Started("proxy"));
        Expect.DockerActions("proxy running", harness.Step(), new StartContainer("app"));
    }

    [Fact]
    public void Decide_PullDependentsUpfront_DependentPulledAtOnceButCreatedOnlyWhenMet()
    {
        var harness = new EngineHarness(
            Task(Container("init", essential: false), Container("app", dependsOn: [On("init", DependencyCondition.Success)])),
            new EngineOptions { PullDependentsUpfront = true });

        Expect.DockerActions("first step", harness.Step(), new PullImage("init"), new PullImage("app"));
        harness.Feed(new Pulled("init"), new Pulled("app"));
        Expect.DockerActions("both pulled: app waits for init to succeed", harness.Step(), new CreateContainer("init"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(137)]
    public void Decide_CompleteDependencyExitsWithAnyCode_DependentProceeds(int exitCode)
    {
        var harness = new EngineHarness(Task(Container("job", essential: false), Container("app", dependsOn: [On("job", DependencyCondition.Complete)])));
        harness.BringOnly("job", ContainerStatus.Running);

        harness.Feed(new Exited("job", exitCode));

        Expect.DockerActions($"job exited {exitCode}", harness.Step(), new PullImage("app"));
        Assert.Null(harness.State.StopCode);
    }

    [Fact]
    public void Decide_SuccessDependencyStillRunning_DependentWaits()
    {
        var harness = new EngineHarness(Task(Container("init", essential: false), Container("app", dependsOn: [On("init", DependencyCondition.Success)])));
        harness.BringOnly("init", ContainerStatus.Running);

        Expect.DockerActions("init running", harness.Step());
        harness.Feed(new Exited("init", 0));
        Expect.DockerActions("init exited 0", harness.Step(), new PullImage("app"));
    }

    [Theory]
    [InlineData(HealthStatus.Unknown)]
    [InlineData(HealthStatus.Unhealthy)]
    public void Decide_HealthyDependencyNotHealthyYet_DependentWaits(HealthStatus health)
    {
        var harness = new EngineHarness(Task(Container("db", healthCheck: true), Container("app", dependsOn: [On("db", DependencyCondition.Healthy)])));
        harness.BringOnly("db", ContainerStatus.Running);

        harness.Feed(new HealthChanged("db", health));

        Expect.DockerActions($"db {health}", harness.Step());
        harness.Feed(new HealthChanged("db", HealthStatus.Healthy));
        Expect.DockerActions("db HEALTHY", harness.Step(), new PullImage("app"));
    }

    [Fact]
    public void Decide_HealthyDependencyTurnsUnhealthyAfterDependentCreated_DependentStillStarts()
    {
        // ECS checks HEALTHY at startup only: once the dependent got past the gate, a later flap does not hold it.
        var harness = new EngineHarness(Task(Container("db", healthCheck: true), Container("app", dependsOn: [On("db", DependencyCondition.Healthy)])));
        harness.BringOnly("db", ContainerStatus.Running);
        harness.Feed(new HealthChanged("db", HealthStatus.Healthy));
        harness.Feed([.. harness.Step().Select(EngineHarness.Success).OfType<EngineEvent>()]); // pull app
        harness.Feed([.. harness.Step().Select(EngineHarness.Success).OfType<EngineEvent>()]); // create app

        harness.Feed(new HealthChanged("db", HealthStatus.Unhealthy));

        Expect.DockerActions("app created, db flapped", harness.Step(), new StartContainer("app"));
    }

    [Fact]
    public void Decide_ChainOfDependencies_EachWaitsForTheOneBefore()
    {
        var harness = new EngineHarness(Task(
            Container("c", dependsOn: [On("b", DependencyCondition.Start)]),
            Container("b", dependsOn: [On("a", DependencyCondition.Start)]),
            Container("a")));

        var order = harness.RunUntilQuiet().OfType<StartContainer>().Select(s => s.Container);

        Assert.Equal(["a", "b", "c"], order);
        Assert.Equal(TaskStatus.Running, harness.State.KnownStatus);
    }
}
