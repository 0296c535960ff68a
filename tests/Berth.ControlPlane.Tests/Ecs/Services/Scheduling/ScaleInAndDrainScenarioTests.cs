using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Services.Scheduling;

namespace Berth.ControlPlane.Tests.Ecs.Services.Scheduling;

/// <summary>Scale-in with protected tasks (ecs-semantics §4.6, §6.5), draining an instance (§3.10), failing health checks (§4.2)
/// and deleting a service.</summary>
public sealed class ScaleInAndDrainScenarioTests
{
    [Fact]
    public void ScaleIn_ProtectedTasksBeyondDesired_StopsOnlyUnprotectedAndSaysSoUntilProtectionEnds()
    {
        var sim = RollingUpdateScenarioTests.Steady(new ServiceSimulation(desired: 4));
        var until = sim.Now + TimeSpan.FromHours(1);
        foreach (var task in sim.Live.Take(3).ToList())
        {
            sim.Tasks[sim.Tasks.IndexOf(task)] = task with { ProtectedUntil = until };
        }

        sim.Service = sim.Service with { Service = sim.Service.Service with { DesiredCount = 1 } };
        var decision = sim.Pass();

        Assert.Equal(sim.Tasks[3].TaskArn, decision.Stops.Single().TaskArn);
        Assert.Equal(until, decision.WakeAt);
        Assert.Equal($"(service web) has stopped 1 running tasks: (task t004).", sim.Messages[0]);
        Assert.Equal(
            $"(service web) was unable to reach steady state because task set ({sim.Primary.Id}) was unable to scale in. "
            + "Reason: The number of protected tasks are more than the desired count of tasks.",
            sim.Messages[1]);
        sim.Agent();
        sim.Advance(TimeSpan.FromHours(1));
        Assert.Equal(2, sim.Pass().Stops.Count);
    }

    [Fact]
    public void Drain_RunningTasks_ReplacedFirstThenStopped()
    {
        var sim = RollingUpdateScenarioTests.Steady(new ServiceSimulation(desired: 2));
        sim.Instances[0] = sim.Instances[0] with { Status = "DRAINING" };
        var onDrained = sim.Live.Single(t => t.ContainerInstanceArn == ServiceSimulation.InstanceArn(1));

        var first = sim.Pass();

        Assert.Empty(first.Stops);
        Assert.Equal(1, first.Launches.Single().Count);
        sim.Run(3);
        var drained = sim.Tasks.Single(t => t.TaskArn == onDrained.TaskArn);
        Assert.Equal(("STOPPED", StopReasons.InstanceDraining), (drained.LastStatus, drained.StoppedReason));
        Assert.All(sim.Live, t => Assert.Equal(ServiceSimulation.InstanceArn(2), t.ContainerInstanceArn));
        Assert.True(sim.Stable);
    }

    [Fact]
    public void Drain_HundredHundred_CannotMoveAndSaysSo()
    {
        var sim = RollingUpdateScenarioTests.Steady(new ServiceSimulation(desired: 2, 100, 100));
        sim.Instances[0] = sim.Instances[0] with { Status = "DRAINING" };

        var decision = sim.Pass();

        Assert.Empty(decision.Stops);
        Assert.Empty(decision.Launches);
        Assert.StartsWith("(service web) was unable to stop or start tasks during a deployment", sim.Messages[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Drain_PendingTask_StoppedAtOnce()
    {
        var sim = new ServiceSimulation(desired: 1);
        sim.Pass();
        var pending = sim.Tasks.Single();
        sim.Instances[sim.Instances.FindIndex(i => i.Arn == pending.ContainerInstanceArn)] = sim.Instances[0] with { Status = "DRAINING" };

        var decision = sim.Pass();

        Assert.Equal(new TaskStop(pending.TaskArn, StopReasons.InstanceDraining), decision.Stops.Single());
        Assert.Equal(1, decision.Launches.Single().Count);
    }

    [Fact]
    public void Unhealthy_AfterGracePeriod_StoppedAndReplaced()
    {
        var sim = new ServiceSimulation(desired: 2);
        sim.Service = sim.Service with { Service = sim.Service.Service with { HealthCheckGracePeriodSeconds = 60 } };
        sim.Pass();
        sim.Agent();
        var started = sim.Now;
        for (var i = 0; i < sim.Tasks.Count; i++)
        {
            sim.Tasks[i] = sim.Tasks[i] with { HealthChecked = true, HealthStatus = i == 0 ? "UNHEALTHY" : "HEALTHY" };
        }

        sim.Advance(TimeSpan.FromSeconds(30));
        var inGrace = sim.Pass();
        Assert.Empty(inGrace.Stops);
        Assert.Equal(started + TimeSpan.FromSeconds(60), inGrace.WakeAt);

        sim.Advance(TimeSpan.FromSeconds(30));
        var after = sim.Pass();

        Assert.Equal(new TaskStop(sim.Tasks[0].TaskArn, "Task failed container health checks."), after.Stops.Single());
        Assert.Equal(1, after.Launches.Single().Count);
        Assert.Contains("(service web) (task t001) failed container health checks.", sim.Messages);
    }

    [Fact]
    public void Delete_StopsEveryTaskThenTurnsInactive()
    {
        var sim = RollingUpdateScenarioTests.Steady(new ServiceSimulation(desired: 2));
        sim.Service = sim.Service with { Service = sim.Service.Service with { Status = "DRAINING", DesiredCount = 0 } };

        var stopping = sim.Pass();

        Assert.Equal(2, stopping.Stops.Count);
        Assert.All(stopping.Stops, s => Assert.Equal($"Scaling activity initiated by (deployment {sim.Primary.Id})", s.Reason));
        Assert.Equal("DRAINING", sim.Service.Service.Status);
        sim.Agent();
        sim.Pass();
        Assert.Equal("INACTIVE", sim.Service.Service.Status);
        Assert.Equal((0, 0, 0), (sim.Service.Service.RunningCount!.Value, sim.Service.Service.PendingCount!.Value, sim.Primary.DesiredCount!.Value));
        Assert.Empty(sim.Pass().Stops);
    }
}
