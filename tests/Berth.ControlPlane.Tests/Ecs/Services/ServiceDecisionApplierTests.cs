using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Services;
using Berth.ControlPlane.Ecs.Services.Scheduling;
using Berth.ControlPlane.Ecs.Tasks;
using Berth.ControlPlane.Placement.Engine;
using Berth.ControlPlane.Tests.Ecs.ContainerInstances;
using Berth.State;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecs.Services;

/// <summary>Applying hand-made decisions: stops committed with the service or not at all, launches placed through the shared
/// placer with the service's group, deployment, launch type and tags, and the events that say what happened.</summary>
public sealed class ServiceDecisionApplierTests : ServiceTestBase
{
    [Fact]
    public async Task Commit_StopsTasksAsTheSchedulerDoes_WithTheServiceChange()
    {
        await InstanceAsync();
        await ServiceAsync(await DefinitionAsync());
        var tasks = await ServiceTasksAsync(2);
        var reading = (await Reader.ReadAsync(Key(), default))!;
        var changed = reading.Service.Value with { Service = reading.Service.Value.Service with { DesiredCount = 1 } };

        var wrote = await Applier.CommitAsync(reading, new ServiceDecision(changed, [new TaskStop(tasks[0].TaskArn!, "Scaling in")], [], null), default);

        Assert.True(wrote);
        var stopped = (await StoredTaskAsync(tasks[0].TaskArn!)).Value;
        Assert.Equal(
            (DesiredStatus.Stopped, TaskStopCode.ServiceSchedulerInitiated, "Scaling in", Ecs.Time.GetUtcNow(), 2L),
            (stopped.DesiredStatus, stopped.StopCode, stopped.StoppedReason, stopped.StoppingAt, stopped.Version));
        Assert.Equal(DesiredStatus.Running, (await StoredTaskAsync(tasks[1].TaskArn!)).Value.DesiredStatus);
        Assert.Equal(1, (await StoredServiceAsync()).Service.DesiredCount);
    }

    [Fact]
    public async Task Commit_WhenATaskChangedSinceTheRead_Conflicts_AndWritesNeitherTheStopNorTheService()
    {
        await InstanceAsync();
        await ServiceAsync(await DefinitionAsync());
        var task = (await ServiceTasksAsync(1)).Single();
        var reading = (await Reader.ReadAsync(Key(), default))!;
        await ChangeTaskAsync(task.TaskArn!, t => t with { LastStatus = TaskLifecycle.Running });
        var changed = reading.Service.Value with { Service = reading.Service.Value.Service with { DesiredCount = 0 } };

        await Assert.ThrowsAsync<ConcurrencyConflictException>(async () =>
            await Applier.CommitAsync(reading, new ServiceDecision(changed, [new TaskStop(task.TaskArn!, "Scaling in")], [], null), default));

        Assert.Equal(DesiredStatus.Running, (await StoredTaskAsync(task.TaskArn!)).Value.DesiredStatus);
        Assert.Equal(2, (await StoredServiceAsync()).Service.DesiredCount);
    }

    [Fact]
    public async Task Commit_ADecisionThatChangedNothing_WritesNothing()
    {
        await ServiceAsync(await DefinitionAsync());
        var reading = (await Reader.ReadAsync(Key(), default))!;
        var rebuilt = reading.Service.Value with { Service = reading.Service.Value.Service with { } };

        Assert.False(await Applier.CommitAsync(reading, new ServiceDecision(rebuilt, [], [], null), default));
        Assert.Equal(reading.Service.Version, (await Ecs.Store.Services.GetAsync(InstanceRequests.Partition, Key().StoreKey, default))!.Version);
    }

    [Fact]
    public async Task Launch_PlacesTheDeploymentsTasks_WithTheServicesGroupTagsAndLaunchType_AndRecordsThatItStartedThem()
    {
        var instance = await InstanceAsync();
        var definition = await DefinitionAsync(tags: [new Tag { Key = "team", Value = "web" }]);
        await ServiceAsync(definition, shape: s => s with { PropagateTags = PropagateTags.TaskDefinition, EnableECSManagedTags = true });
        var reading = (await Reader.ReadAsync(Key(), default))!;

        var placed = await Applier.LaunchAsync(reading, Launch(reading, 2), default);

        Assert.Equal(2, placed);
        var tasks = (await Reader.ReadAsync(Key(), default))!.Tasks.Values.Select(t => t.Value).ToList();
        Assert.Equal(2, tasks.Count);
        Assert.All(tasks, task =>
        {
            Assert.Equal(("service:web", Deployment, LaunchType.Ec2, definition.TaskDefinitionArn), (task.Group, task.StartedBy, task.LaunchType, task.TaskDefinitionArn));
            Assert.Equal(instance.ContainerInstanceArn, task.ContainerInstanceArn);
            Assert.Equal(
                [("aws:ecs:clusterName", "prod"), ("aws:ecs:serviceName", "web"), ("team", "web")],
                task.Tags!.Select(t => (t.Key!, t.Value!)).Order().ToList());
        });
        var ids = tasks.OrderBy(t => t.TaskArn).Select(t => t.TaskArn!.Split('/')[^1]);
        var started = Assert.Single((await StoredServiceAsync()).Service.Events!);
        Assert.Equal(ServiceEventText.Started("web", ids), started.Message);
        Assert.Equal(2, (await StoredClusterAsync()).PendingTasksCount);
    }

    [Fact]
    public async Task Launch_WithoutCapacity_RecordsThatItCouldNotPlace_NamingTheInstanceThatPassedMostChecks()
    {
        await InstanceAsync(connected: false);
        var small = await InstanceAsync(memory: 256);
        await ServiceAsync(await DefinitionAsync());
        var reading = (await Reader.ReadAsync(Key(), default))!;

        var placed = await Applier.LaunchAsync(reading, Launch(reading, 1), default);

        Assert.Equal(0, placed);
        var recorded = Assert.Single((await StoredServiceAsync()).Service.Events!);
        Assert.Equal(
            ServiceEventText.UnableToPlace("web", (small.ContainerInstanceArn!.Split('/')[^1], PlacementReasons.Memory)),
            recorded.Message);
        Assert.Contains("has insufficient memory available.", recorded.Message);
        Assert.Empty((await Reader.ReadAsync(Key(), default))!.Tasks);
    }

    [Fact]
    public async Task Launch_InAClusterWithoutInstances_SaysNoneWereFound()
    {
        await ServiceAsync(await DefinitionAsync());
        var reading = (await Reader.ReadAsync(Key(), default))!;

        await Applier.LaunchAsync(reading, Launch(reading, 1), default);

        Assert.Equal(ServiceEventText.UnableToPlace("web", null), Assert.Single((await StoredServiceAsync()).Service.Events!).Message);
    }

    [Fact]
    public async Task Launch_RecordsItsEventAsAWriteTheFeedKnowsAsTheSchedulersOwn()
    {
        await ServiceAsync(await DefinitionAsync());
        var reading = (await Reader.ReadAsync(Key(), default))!;

        await Applier.LaunchAsync(reading, Launch(reading, 1), default);

        var changes = await Ecs.Store.Store.ReadChangesAsync(0, 100, default);
        var eventWrite = changes.Last(c => c.Kind == Ecs.Store.Services.Kind);
        Assert.Equal(reading.Service.Version + 1, eventWrite.Version);
        Assert.True(Own.IsOwn(eventWrite));
        Assert.False(Own.IsOwn(changes.First(c => c.Kind == Ecs.Store.Services.Kind)));
    }

    private static ServiceDecision Launch(ServiceReading reading, int count) =>
        new(reading.Service.Value, [], [new TaskLaunch(Deployment, count, null)], null);
}
