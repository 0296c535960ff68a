using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Services.Scheduling;

namespace Berth.ControlPlane.Tests.Ecs.Services.Scheduling;

/// <summary>A DAEMON service on two instances, a third joining, one draining, and a new revision (ecs-semantics §4.1).</summary>
public sealed class DaemonScenarioTests
{
    [Fact]
    public void Daemon_OneTaskPerActiveInstance_FollowsJoiningAndDrainingInstances()
    {
        var sim = new ServiceSimulation(desired: 0, schedulingStrategy: "DAEMON");

        var first = sim.Pass();

        Assert.Equal(
            [ServiceSimulation.InstanceArn(1), ServiceSimulation.InstanceArn(2)],
            first.Launches.Select(l => l.ContainerInstanceArn));
        Assert.All(first.Launches, l => Assert.Equal(1, l.Count));
        Assert.Equal(2, sim.Service.Service.DesiredCount);
        sim.Agent();
        sim.Run(3);
        Assert.True(sim.Stable);

        sim.Instances.Add(ServiceSimulation.Instance(3));
        var joined = sim.Pass();
        Assert.Equal(ServiceSimulation.InstanceArn(3), joined.Launches.Single().ContainerInstanceArn);
        Assert.Equal(3, sim.Service.Service.DesiredCount);
        sim.Agent();

        sim.Instances[0] = sim.Instances[0] with { Status = "DRAINING" };
        var drained = sim.Pass();
        Assert.Equal(StopReasons.InstanceDraining, drained.Stops.Single().Reason);
        Assert.Empty(drained.Launches);
        Assert.Equal(2, sim.Service.Service.DesiredCount);
        sim.Agent();
        sim.Run(3);
        Assert.Equal([ServiceSimulation.InstanceArn(2), ServiceSimulation.InstanceArn(3)], sim.Live.Select(t => t.ContainerInstanceArn).Order());
        Assert.True(sim.Stable);
    }

    [Fact]
    public void Daemon_NewRevision_StopsTheOldTaskBeforeStartingTheNew()
    {
        var sim = RollingUpdateScenarioTests.Steady(new ServiceSimulation(desired: 0, schedulingStrategy: "DAEMON"));
        sim.Update("web:2");

        var stopping = sim.Pass();

        Assert.Equal(2, stopping.Stops.Count);
        Assert.Empty(stopping.Launches);
        sim.Agent();
        var starting = sim.Pass();
        Assert.Equal(2, starting.Launches.Count);
        sim.Agent();
        sim.Run(3);
        Assert.Equal(["web:2", "web:2"], sim.LiveDefinitions);
        Assert.Equal(DeploymentRolloutState.Completed, sim.Primary.RolloutState);
        Assert.True(sim.Stable);
    }
}
