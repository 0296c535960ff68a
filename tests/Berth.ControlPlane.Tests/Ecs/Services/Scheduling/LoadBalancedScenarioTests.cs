using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Services;
using Berth.ControlPlane.Ecs.Services.Scheduling;
using Berth.ControlPlane.Elb;

namespace Berth.ControlPlane.Tests.Ecs.Services.Scheduling;

/// <summary>Services behind a target group (ecs-semantics §4.8): tasks registered once RUNNING, counted healthy only when their
/// targets are, replaced when unhealthy past the grace period, and drained (deregistered, kept RUNNING until the target has
/// left the group) before their agents stop them.</summary>
public sealed class LoadBalancedScenarioTests
{
    private const string Group = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/1";

    [Theory]
    [InlineData(null, false, "UNKNOWN", false)]
    [InlineData("initial", false, "UNKNOWN", false)]
    [InlineData("unhealthy", false, "UNKNOWN", false)]
    [InlineData("draining", false, "UNKNOWN", false)]
    [InlineData("healthy", false, "UNKNOWN", true)]
    [InlineData("healthy", true, "UNHEALTHY", false)]
    [InlineData("healthy", true, "HEALTHY", true)]
    public void IsHealthy_BehindATargetGroup_OnlyWhenTheTargetIsHealthy(string? state, bool healthChecked, string health, bool expected)
    {
        var target = new TargetRef("i-1", 30001);
        var task = new ServiceTask("arn:aws:ecs:us-east-1:123456789012:task/prod/t001", "ecs-svc/1", "RUNNING", "RUNNING", ServiceSimulation.Start,
            ServiceSimulation.Start, null, null, null, health, healthChecked, ServiceSimulation.InstanceArn(1), "us-east-1a", null,
            [new TaskTarget(Group, "instance", target, state is null ? null : new TargetHealthView(target, state, null, null))]);

        // Long past the 40 seconds that make a task without a load balancer healthy: the target alone decides.
        Assert.Equal(expected, TaskHealth.IsHealthy(task, ServiceSimulation.Start.AddMinutes(5), SchedulerSettings.Default));
    }

    [Fact]
    public void RunningTasks_AreRegisteredOnce_AndTheDeploymentCompletesOnlyWhenTheirTargetsAreHealthy()
    {
        var sim = Balanced(desired: 2);
        sim.Pass();
        sim.Agent();
        sim.Advance(TimeSpan.FromMinutes(1));

        var registering = sim.Pass();
        var waiting = sim.Pass();
        sim.TargetsPass();
        sim.Pass();

        Assert.Equal([.. sim.Tasks.Select(ServiceSimulation.TargetOf).OrderBy(t => t.Port)], registering.Registrations.Select(r => r.Target).OrderBy(t => t.Port));
        Assert.All(registering.Registrations, r => Assert.Equal(Group, r.TargetGroupArn));
        Assert.Empty(waiting.Registrations);
        Assert.Equal(sim.Now + SchedulerSettings.Default.TargetCheckInterval, waiting.WakeAt);
        Assert.Contains($"(service web) registered 2 targets in (target-group {Group})", sim.Messages);
        Assert.Equal(DeploymentRolloutState.Completed, sim.Primary.RolloutState);
    }

    [Fact]
    public void RollingUpdate_KeepsTheOldTasksUntilTheNewTargetsAreHealthy_ThenDrainsThemBeforeTheyStop()
    {
        var sim = Steady(desired: 2);
        sim.Update("web:2");
        for (var i = 0; i < 4; i++)
        {
            sim.Pass();
            sim.Agent();
            sim.Advance(TimeSpan.FromSeconds(41));
        }

        var oldTasks = sim.Live.Where(t => sim.DefinitionOf(t) == "web:1").ToList();
        Assert.Equal(2, oldTasks.Count);
        Assert.Equal(4, sim.Live.Count());

        sim.TargetsPass();
        var draining = sim.Pass();
        sim.Agent();
        var stillDraining = sim.Pass();
        sim.TargetsDrained();
        var handedOff = sim.Pass();
        sim.Agent();

        Assert.All(draining.Stops, s => Assert.True(s.Drains));
        Assert.Equal([.. oldTasks.Select(t => t.TaskArn).Order()], draining.Stops.Select(s => s.TaskArn).Order());
        Assert.Equal([.. oldTasks.Select(ServiceSimulation.TargetOf).OrderBy(t => t.Port)], draining.Deregistrations.Select(d => d.Target).OrderBy(t => t.Port));
        Assert.Empty(stillDraining.Handoffs);
        Assert.Equal(sim.Now + SchedulerSettings.Default.TargetCheckInterval, stillDraining.WakeAt);
        Assert.Equal([.. oldTasks.Select(t => t.TaskArn).Order()], handedOff.Handoffs.Order());
        Assert.All(oldTasks, t => Assert.Equal("STOPPED", sim.Tasks.Single(s => s.TaskArn == t.TaskArn).LastStatus));
        Assert.Contains("(service web) has begun draining connections on 2 tasks.", sim.Messages);
        Assert.Contains($"(service web) deregistered 2 targets in (target-group {Group})", sim.Messages);
    }

    [Fact]
    public void DrainingTask_IsNotCountedRunning_AndHoldsAnOldDeploymentInTheList()
    {
        var sim = Steady(desired: 1);
        sim.Service = sim.Service with { Service = sim.Service.Service with { DesiredCount = 0 } };

        var decision = sim.Pass();
        sim.Agent();
        sim.Pass();

        Assert.True(Assert.Single(decision.Stops).Drains);
        Assert.Equal("DEACTIVATING", sim.Tasks.Single().LastStatus);
        Assert.Equal(0, sim.Service.Service.RunningCount);
    }

    [Fact]
    public void UnhealthyTarget_IsKeptThroughTheGracePeriod_ThenReplacedWithEcsWords()
    {
        var sim = Balanced(desired: 1);
        sim.Service = sim.Service with { Service = sim.Service.Service with { HealthCheckGracePeriodSeconds = 60 } };
        sim.Pass();
        sim.Agent();
        var task = sim.Tasks.Single();
        sim.SetTarget(task, "unhealthy", "Health checks failed with these codes: [500]");

        var atStart = sim.Pass();
        sim.Advance(TimeSpan.FromSeconds(59));
        var inGrace = sim.Pass();
        sim.Advance(TimeSpan.FromSeconds(1));
        var after = sim.Pass();

        Assert.Empty(atStart.Stops);
        Assert.Empty(inGrace.Stops);
        Assert.Equal(task.StartedAt!.Value.AddSeconds(60), inGrace.WakeAt);
        Assert.Equal(new TaskStop(task.TaskArn, $"Task failed ELB health checks in (target-group {Group})", Drains: true), after.Stops.Single());
        Assert.Equal(ServiceSimulation.TargetOf(task), after.Deregistrations.Single().Target);
        Assert.Contains(
            $"(service web) (instance i-1) (port 30001) is unhealthy in (target-group {Group}) due to (reason Health checks failed with these codes: [500]).",
            sim.Messages);
        Assert.Equal(1, after.Launches.Sum(l => l.Count));
    }

    [Fact]
    public void StoppedByElbHealthChecks_CountsForTheCircuitBreaker()
    {
        var task = new ServiceTask("arn:aws:ecs:us-east-1:123456789012:task/prod/t001", "ecs-svc/1", "STOPPED", "STOPPED", ServiceSimulation.Start,
            ServiceSimulation.Start, ServiceSimulation.Start.AddMinutes(1), "ServiceSchedulerInitiated", StopReasons.FailedElbHealthChecks(Group),
            "UNKNOWN", false, ServiceSimulation.InstanceArn(1), "us-east-1a", null, [new TaskTarget(Group, "instance", new TargetRef("i-1", 30001), null)]);

        var failures = CircuitBreaker.Failures("ecs-svc/1", [task], ServiceSimulation.Start.AddMinutes(2), SchedulerSettings.Default);

        Assert.Equal(new DeploymentFailures(1, true), failures);
    }

    [Fact]
    public void CrashedTask_IsDeregisteredAfterTheFact_UnlessALiveTaskHoldsTheSameTarget()
    {
        var sim = Steady(desired: 2);
        var crashed = sim.Tasks[0];
        sim.Tasks[0] = crashed with { LastStatus = "STOPPED", DesiredStatus = "STOPPED", StoppedAt = sim.Now, StoppedReason = "Essential container in task exited" };

        var decision = sim.Pass();

        Assert.Equal(new TargetChange(Group, ServiceSimulation.TargetOf(crashed)), decision.Deregistrations.Single());
        Assert.Contains($"(service web) deregistered 1 targets in (target-group {Group})", sim.Messages);
    }

    [Fact]
    public void DeletedService_DrainsItsTasks_AndTurnsInactiveOnlyOnceTheyStopped()
    {
        var sim = Steady(desired: 2);
        sim.Service = sim.Service with { Service = sim.Service.Service with { Status = ServiceStatus.Draining } };

        var draining = sim.Pass();
        sim.Agent();
        var waiting = sim.Pass();
        sim.TargetsDrained();
        sim.Pass();
        sim.Agent();
        sim.Pass();

        Assert.Equal(2, draining.Stops.Count(s => s.Drains));
        Assert.Equal(ServiceStatus.Draining, waiting.Service.Service.Status);
        Assert.Equal(ServiceStatus.Inactive, sim.Service.Service.Status);
    }

    private static ServiceSimulation Balanced(int desired) => new(desired) { TargetGroup = Group };

    /// <summary>A service whose tasks run with healthy targets and whose deployment completed.</summary>
    private static ServiceSimulation Steady(int desired)
    {
        var sim = Balanced(desired);
        sim.Pass();
        sim.Agent();
        sim.Pass();
        sim.TargetsPass();
        sim.Pass();
        Assert.Equal(DeploymentRolloutState.Completed, sim.Primary.RolloutState);
        return sim;
    }
}
