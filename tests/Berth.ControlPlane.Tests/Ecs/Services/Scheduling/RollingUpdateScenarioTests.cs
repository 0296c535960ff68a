using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Services.Scheduling;

namespace Berth.ControlPlane.Tests.Ecs.Services.Scheduling;

/// <summary>ecs-semantics §4.2's worked examples, run pass by pass on <see cref="ServiceSimulation"/>.</summary>
public sealed class RollingUpdateScenarioTests
{
    [Fact]
    public void Create_ZeroToFour_StartsFourThenCompletesAndReportsSteadyState()
    {
        var sim = new ServiceSimulation(desired: 4);

        var first = sim.Pass();

        Assert.Equal(4, first.Launches.Single().Count);
        Assert.Equal(0, sim.Service.Service.PendingCount);
        Assert.Empty(sim.Pass().Launches);
        Assert.Equal(4, sim.Service.Service.PendingCount);
        Assert.Equal(4, sim.Primary.PendingCount);
        sim.Run(4);
        Assert.Equal(DeploymentRolloutState.Completed, sim.Primary.RolloutState);
        Assert.Equal($"ECS deployment {sim.Primary.Id} completed.", sim.Primary.RolloutStateReason);
        Assert.Equal(sim.Primary.Id, sim.Service.LastCompleted!.Id);
        Assert.Equal(
            ["(service web) has reached a steady state.", $"(service web) (deployment {sim.Primary.Id}) deployment completed."],
            sim.Messages);
        Assert.Equal((4, 0), (sim.Service.Service.RunningCount!.Value, sim.Service.Service.PendingCount!.Value));
        Assert.True(sim.Stable);
    }

    /// <summary>An update while the first deployment's tasks run but have not yet counted as healthy: with 100/200 none of
    /// them may stop before the new ones are healthy (they may be serving already), then all of them go.</summary>
    [Fact]
    public void Update_RightAfterCreate_KeepsTheRunningTasksUntilTheNewOnesAreHealthy()
    {
        var sim = new ServiceSimulation(desired: 3);
        sim.Pass();
        sim.Agent();
        sim.Advance(TimeSpan.FromSeconds(1));
        sim.Update("web:2");

        for (var second = 0; second < 40; second++)
        {
            Assert.Empty(sim.Pass().Stops);
            sim.Agent();
            sim.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(["web:1", "web:1", "web:1", "web:2", "web:2", "web:2"], sim.LiveDefinitions);
        sim.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, sim.Pass().Stops.Count);
        sim.Agent();
        sim.Run(1);
        Assert.Equal(["web:2", "web:2", "web:2"], sim.LiveDefinitions);
        Assert.True(sim.Stable);
    }

    [Theory]
    [InlineData(100, 200, 4, 8)]
    [InlineData(50, 200, 2, 8)]
    [InlineData(50, 100, 2, 4)]
    [InlineData(0, 100, 0, 4)]
    public void Roll_FourToFour_StaysWithinTheBoundsAndEndsOnTheNewRevision(int minimum, int maximum, int lower, int upper)
    {
        var sim = Steady(new ServiceSimulation(desired: 4, minimum, maximum));
        var old = sim.Primary.Id;
        sim.Update("web:2");

        var stableMidRoll = false;
        for (var round = 0; round < 12 && sim.LiveDefinitions.Any(d => d == "web:1") | sim.Service.Service.Deployments!.Count > 1; round++)
        {
            sim.Pass();
            Assert.InRange(sim.Live.Count(), 0, upper);
            Assert.InRange(sim.Live.Count(t => TaskHealth.IsHealthy(t, sim.Now, sim.Settings)), lower, 8);
            stableMidRoll |= sim.Stable && sim.Tasks.Any(t => t.LastStatus != "STOPPED" && sim.DefinitionOf(t) == "web:1");
            sim.Agent();
            sim.Advance(TimeSpan.FromSeconds(41));
        }

        sim.Run(2);
        Assert.False(stableMidRoll);
        Assert.Equal(["web:2", "web:2", "web:2", "web:2"], sim.LiveDefinitions);
        Assert.Equal(DeploymentRolloutState.Completed, sim.Primary.RolloutState);
        Assert.True(sim.Stable);
        Assert.Contains(sim.Tasks, t => t.StoppedReason == $"Scaling activity initiated by (deployment {sim.Primary.Id})");
        Assert.DoesNotContain(sim.Service.Service.Deployments!, d => d.Id == old);
        Assert.Contains(sim.Messages, m => m.StartsWith("(service web) has stopped 2 running tasks: (task t00", StringComparison.Ordinal)
            || m.StartsWith("(service web) has stopped 4 running tasks: (task t00", StringComparison.Ordinal));
    }

    [Fact]
    public void Roll_FiftyHundred_StopsTwoStartsTwoThenTheRest()
    {
        var sim = Steady(new ServiceSimulation(desired: 4, 50, 100));
        sim.Update("web:2");

        var first = sim.Pass();

        Assert.Equal(2, first.Stops.Count);
        Assert.Equal(2, first.Launches.Single().Count);
        sim.Agent();
        var waiting = sim.Pass();
        Assert.Empty(waiting.Stops);
        Assert.Empty(waiting.Launches);
        Assert.Equal(sim.Now + TimeSpan.FromSeconds(40), waiting.WakeAt);
    }

    [Fact]
    public void Roll_HundredHundredTwentyFiveOfThree_CannotMoveAndSaysSo()
    {
        var sim = Steady(new ServiceSimulation(desired: 3, 100, 125));
        sim.Update("web:2");

        var decision = sim.Pass();

        Assert.Empty(decision.Stops);
        Assert.Empty(decision.Launches);
        Assert.Equal(
            "(service web) was unable to stop or start tasks during a deployment because of the service deployment configuration. "
            + "Update the minimumHealthyPercent or maximumPercent value and try again.",
            sim.Messages[0]);
        Assert.Equal(DeploymentRolloutState.InProgress, sim.Primary.RolloutState);
        Assert.False(sim.Stable);
    }

    [Fact]
    public void Pass_NothingChanged_ReturnsTheServiceItself()
    {
        var sim = Steady(new ServiceSimulation(desired: 2));
        var before = sim.Service;

        var decision = sim.Pass();

        Assert.Same(before, decision.Service);
        Assert.Equal(before.Service.Events![0].CreatedAt + TimeSpan.FromHours(6), decision.WakeAt);
    }

    [Fact]
    public void Pass_SixHoursSteady_RepeatsTheSteadyStateEvent()
    {
        var sim = Steady(new ServiceSimulation(desired: 2));
        var count = sim.Messages.Count;

        sim.Advance(TimeSpan.FromHours(6));
        sim.Pass();

        Assert.Equal(count + 1, sim.Messages.Count);
        Assert.Equal("(service web) has reached a steady state.", sim.Messages[0]);
    }

    [Fact]
    public void Pass_TaskDies_CountsRecomputedAndReplaced()
    {
        var sim = Steady(new ServiceSimulation(desired: 2));
        var dead = sim.Live.First();
        sim.Tasks[sim.Tasks.IndexOf(dead)] = dead with { LastStatus = "STOPPED", DesiredStatus = "STOPPED", StoppedAt = sim.Now };

        var decision = sim.Pass();

        Assert.Equal(1, decision.Launches.Single().Count);
        Assert.Equal(1, sim.Service.Service.RunningCount);
        Assert.Equal(1, sim.Primary.RunningCount);
        Assert.Equal(sim.Now, sim.Primary.UpdatedAt);
    }

    internal static ServiceSimulation Steady(ServiceSimulation sim)
    {
        sim.Run(4);
        Assert.True(sim.Stable);
        return sim;
    }
}
