using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Services;

namespace Berth.ControlPlane.Tests.Ecs.Services.Scheduling;

/// <summary>The circuit breaker on a deployment whose tasks never start (ecs-semantics §4.3).</summary>
public sealed class BreakerScenarioTests
{
    [Fact]
    public void Roll_NewTasksNeverStart_TripsRollsBackAndEndsOnTheOldRevision()
    {
        var sim = RollingUpdateScenarioTests.Steady(
            new ServiceSimulation(desired: 4, breaker: new DeploymentCircuitBreaker { Enable = true, Rollback = true }));
        var completed = sim.Primary.Id;
        sim.Broken.Add("web:2");
        sim.Update("web:2");
        var failing = sim.Primary.Id;

        sim.Pass();
        sim.Agent();
        sim.Pass();

        Assert.DoesNotContain(sim.Service.Service.Deployments!, d => d.Id == failing);
        Assert.NotEqual(completed, sim.Primary.Id);
        Assert.Equal("web:1", sim.Primary.TaskDefinition);
        Assert.Equal($"ECS deployment circuit breaker: rolling back to deploymentId {completed}.", sim.Primary.RolloutStateReason);
        Assert.Equal($"(service web) rolling back to deployment {completed}.", sim.Messages[0]);
        Assert.Equal($"(service web) (deployment {failing}) deployment failed: tasks failed to start.", sim.Messages[1]);

        sim.Run(8);
        Assert.Equal(["web:1", "web:1", "web:1", "web:1"], sim.LiveDefinitions);
        Assert.DoesNotContain(sim.Tasks, t => sim.DefinitionOf(t) == "web:2" && t.StartedAt is not null);
        Assert.Single(sim.Service.Service.Deployments!);
        Assert.Equal(DeploymentRolloutState.Completed, sim.Primary.RolloutState);
        Assert.True(sim.Stable);
    }

    [Fact]
    public void Roll_TripWithoutRollback_FailedDeploymentLaunchesNothingAndOldTasksKeepServing()
    {
        var sim = RollingUpdateScenarioTests.Steady(
            new ServiceSimulation(desired: 4, breaker: new DeploymentCircuitBreaker { Enable = true, Rollback = false }));
        sim.Broken.Add("web:2");
        sim.Update("web:2");

        sim.Run(6);

        Assert.Equal(DeploymentRolloutState.Failed, sim.Primary.RolloutState);
        Assert.Equal("ECS deployment circuit breaker: task failed to start.", sim.Primary.RolloutStateReason);
        Assert.Equal(4, sim.Primary.FailedTasks);
        Assert.Equal(2, sim.Service.Service.Deployments!.Count);
        Assert.Equal(ServiceRollout.Active, sim.Service.Service.Deployments[1].Status);
        Assert.Equal(4, sim.Tasks.Count(t => sim.DefinitionOf(t) == "web:2"));
        Assert.Equal(["web:1", "web:1", "web:1", "web:1"], sim.LiveDefinitions);
        Assert.False(sim.Stable);
    }

    [Fact]
    public void Create_NeverCompletedAndTripped_FailsWithoutRollingBack()
    {
        var sim = new ServiceSimulation(desired: 2, breaker: new DeploymentCircuitBreaker { Enable = true, Rollback = true });
        sim.Broken.Add("web:1");

        sim.Run(12);

        Assert.Single(sim.Service.Service.Deployments!);
        Assert.Equal(DeploymentRolloutState.Failed, sim.Primary.RolloutState);
        Assert.Equal(4, sim.Tasks.Count);
        Assert.Empty(sim.Live);
        Assert.DoesNotContain(sim.Messages, m => m.Contains("rolling back", StringComparison.Ordinal));
    }

    [Fact]
    public void Roll_BreakerDisabled_KeepsTryingUnderTheLaunchThrottle()
    {
        var sim = RollingUpdateScenarioTests.Steady(new ServiceSimulation(desired: 1));
        sim.Broken.Add("web:2");
        sim.Update("web:2");
        sim.Pass();
        sim.Agent();
        var failedAt = sim.Now;

        var throttled = sim.Pass();

        Assert.Empty(throttled.Launches);
        Assert.Equal(failedAt + TimeSpan.FromSeconds(10), throttled.WakeAt);
        Assert.Equal("(service web) is unable to consistently start tasks successfully.", sim.Messages[0]);
        sim.Advance(TimeSpan.FromSeconds(10));
        Assert.Single(sim.Pass().Launches);
        sim.Agent();
        var again = sim.Pass();
        Assert.Equal(sim.Now + TimeSpan.FromSeconds(20), again.WakeAt);
        Assert.Single(sim.Messages, m => m.Contains("unable to consistently start", StringComparison.Ordinal));
        Assert.Equal(DeploymentRolloutState.InProgress, sim.Primary.RolloutState);
    }
}
