using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Ecs.Services;
using Berth.ControlPlane.Ecs.Services.Scheduling;
using Berth.ControlPlane.Ecs.Tasks;
using Berth.ControlPlane.Elb;
using Berth.ControlPlane.Tests.Ecs.Services;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Controllers;

/// <summary>Scheduler passes over a real store and a fake ELBv2 on a hand-set clock: the reader finds each task's target and
/// its health, a RUNNING task is registered, and a task stopped while registered drains (DEACTIVATING, its agent still told
/// RUNNING) until its target has left the group, and only then is its stop handed to the agent.</summary>
public sealed class LoadBalancedServiceReconcilerTests : ServiceTestBase
{
    private const int HostPort = 32768;

    private string group = "";
    private string taskArn = "";
    private TargetRef target = new("", 0);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var instance = await InstanceAsync();
        group = Ecs.TargetGroups.Add("web");
        await ServiceAsync(await DefinitionAsync(), shape: s => s with
        {
            DesiredCount = 1,
            LoadBalancers = [new LoadBalancer { TargetGroupArn = group, ContainerName = "app", ContainerPort = 80 }],
        });
        taskArn = (await ServiceTasksAsync(1))[0].TaskArn!;
        await ChangeTaskAsync(taskArn, t => t with
        {
            LastStatus = TaskLifecycle.Running,
            StartedAt = Ecs.Time.GetUtcNow(),
            Containers = [t.Containers![0] with { NetworkBindings = [new NetworkBinding { ContainerPort = 80, HostPort = HostPort, Protocol = "tcp" }] }],
        });
        target = new TargetRef(instance.Ec2InstanceId!, HostPort);
    }

    [Fact]
    public async Task Read_GivesEachTaskItsTargetAndHealth_WithOneDescribePerGroup()
    {
        Ecs.TargetGroups.SetHealth(group, target, "unhealthy", "Target.ResponseCodeMismatch", "Health checks failed with these codes: [500]");

        var reading = (await Reader.ReadAsync(Key(), default))!;

        var own = Assert.Single(Assert.Single(reading.Situation.Tasks).Targets!);
        Assert.Equal((group, "instance", target), (own.TargetGroupArn, own.TargetType, own.Target));
        Assert.Equal(("unhealthy", "Health checks failed with these codes: [500]"), (own.Health!.State, own.Health.Description));
        Assert.Equal(1, Ecs.TargetGroups.Describes);
    }

    [Fact]
    public async Task Pass_RegistersARunningTask_Once()
    {
        await Reconciler(ServiceStep.Decide).ReconcileAsync(Key(), default);
        await Reconciler(ServiceStep.Decide).ReconcileAsync(Key(), default);

        Assert.Equal([("Register", group, target)], Ecs.TargetGroups.Calls);
        Assert.Equal("initial", Ecs.TargetGroups.In(group)[target].State);
        Assert.Contains($"(service web) registered 1 targets in (target-group {group})", (await StoredServiceAsync()).Service.Events!.Select(e => e.Message));
    }

    [Fact]
    public async Task ScaleToZero_DrainsTheTask_AndHandsItsStopToTheAgentOnlyOnceTheTargetIsGone()
    {
        Ecs.TargetGroups.SetHealth(group, target, "healthy");
        var service = (await Ecs.Store.Services.GetAsync(Partition, EcsStore.ServiceKey("prod", "web"), default))!;
        await Ecs.Store.Store.ApplyAsync(Writes.Save(Scope, service, service.Value with { Service = service.Value.Service with { DesiredCount = 0 } }));

        await Reconciler(ServiceStep.Decide).ReconcileAsync(Key(), default);
        var draining = (await StoredTaskAsync(taskArn)).Value;
        await Reconciler(ServiceStep.Decide).ReconcileAsync(Key(), default);
        Ecs.Time.Advance(TimeSpan.FromMinutes(2));
        var wake = await Reconciler(ServiceStep.Decide).ReconcileAsync(Key(), default);
        var stillDraining = (await StoredTaskAsync(taskArn)).Value;
        Ecs.TargetGroups.Drained(group);
        await Reconciler(ServiceStep.Decide).ReconcileAsync(Key(), default);
        var handedOff = (await StoredTaskAsync(taskArn)).Value;

        Assert.Equal((DesiredStatus.Stopped, TaskLifecycle.Deactivating, null), (draining.DesiredStatus, draining.LastStatus, draining.StoppingAt));
        Assert.Equal(DesiredStatus.Running, TaskDeactivation.AsAgentSees(draining).DesiredStatus);
        Assert.Equal([("Deregister", group, target)], Ecs.TargetGroups.Calls);
        Assert.Null(stillDraining.StoppingAt);
        Assert.Equal(Ecs.Time.GetUtcNow() + SchedulerSettings.Default.TargetCheckInterval, wake);
        Assert.Equal(Ecs.Time.GetUtcNow(), handedOff.StoppingAt);
        Assert.Equal(DesiredStatus.Stopped, TaskDeactivation.AsAgentSees(handedOff).DesiredStatus);
        Assert.Equal(TaskLifecycle.Deactivating, handedOff.LastStatus);
        var messages = (await StoredServiceAsync()).Service.Events!.Select(e => e.Message).ToList();
        Assert.Contains("(service web) has begun draining connections on 1 tasks.", messages);
        Assert.Contains($"(service web) deregistered 1 targets in (target-group {group})", messages);
    }
}
