using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Attributes;
using Berth.ControlPlane.Ecs.ContainerInstances;
using Berth.ControlPlane.Ecs.Tasks;
using Berth.ControlPlane.Tests.Ecs.ContainerInstances;
using Attribute = Berth.Aws.Generated.Ecs.Attribute;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecs.Services;

/// <summary>What a pass reads: the service's own tasks (by group and deployment, STOPPED included), their health checks and
/// zones, and the cluster's ACTIVE and DRAINING instances.</summary>
public sealed class ServiceSituationReaderTests : ServiceTestBase
{
    [Fact]
    public async Task Read_FindsTheServicesTasksByGroup_StoppedIncluded_AndLeavesOthersOut()
    {
        await InstanceAsync();
        var definition = await DefinitionAsync();
        var service = await ServiceAsync(definition);
        var own = await ServiceTasksAsync(2);
        await ServiceTasksAsync(1, service: "api");
        await RunAsync();
        await ServiceTasksAsync(1, startedBy: "someone");
        await ChangeTaskAsync(own[1].TaskArn!, t => t with { LastStatus = TaskLifecycle.Stopped, StoppedAt = Ecs.Time.GetUtcNow() });

        var reading = (await Reader.ReadAsync(Key(), default))!;

        Assert.Equal(service.Version, reading.Service.Version);
        Assert.Equal(
            [(own[0].TaskArn!, TaskLifecycle.Pending), (own[1].TaskArn!, TaskLifecycle.Stopped)],
            reading.Situation.Tasks.Select(t => (t.TaskArn, t.LastStatus)).Order().ToList());
        Assert.All(reading.Situation.Tasks, t => Assert.Equal(Deployment, t.DeploymentId));
        Assert.Equal(2, (await StoredTaskAsync(own[1].TaskArn!)).Version);
        Assert.Equal(2, reading.Tasks[own[1].TaskArn!].Version);
        Assert.Equal(Ecs.Time.GetUtcNow(), reading.Situation.Now);
    }

    [Fact]
    public async Task Read_GivesAProtectedTaskItsProtectionsEnd_AndOthersNone()
    {
        await InstanceAsync();
        await ServiceAsync(await DefinitionAsync());
        var tasks = await ServiceTasksAsync(2);
        await Ecs.TaskProtection.UpdateTaskProtection(
            Ecs.Caller(),
            new UpdateTaskProtectionRequest { Cluster = "prod", Tasks = [tasks[0].TaskArn!], ProtectionEnabled = true, ExpiresInMinutes = 30 },
            default);

        var reading = (await Reader.ReadAsync(Key(), default))!;

        var protectedUntil = reading.Situation.Tasks.ToDictionary(t => t.TaskArn, t => t.ProtectedUntil);
        Assert.Equal(Ecs.Time.GetUtcNow().AddMinutes(30), protectedUntil[tasks[0].TaskArn!]);
        Assert.Null(protectedUntil[tasks[1].TaskArn!]);
    }

    [Fact]
    public async Task Read_AServiceNotStored_IsNull()
    {
        Assert.Null(await Reader.ReadAsync(Key("absent"), default));
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task Read_TasksAreHealthChecked_WhenAnEssentialContainerHasAHealthCheck(bool essential, bool healthChecked)
    {
        await InstanceAsync(attributes: [.. InstanceRequests.AgentAttributes(), new Attribute { Name = "ecs.capability.container-health-check" }]);
        var definition = (await Ecs.TaskDefinitions.RegisterTaskDefinition(Ecs.Caller(), new RegisterTaskDefinitionRequest
        {
            Family = "checked",
            ContainerDefinitions =
            [
                new ContainerDefinition { Name = "app", Image = "nginx", MemoryReservation = 128 },
                new ContainerDefinition
                {
                    Name = "probe", Image = "busybox", MemoryReservation = 64, Essential = essential,
                    HealthCheck = new HealthCheck { Command = ["CMD-SHELL", "true"] },
                },
            ],
        }, default)).TaskDefinition!;
        await ServiceAsync(definition);
        await ServiceTasksAsync(1, family: "checked");

        var reading = (await Reader.ReadAsync(Key(), default))!;

        Assert.Equal(healthChecked, Assert.Single(reading.Situation.Tasks).HealthChecked);
    }

    [Fact]
    public async Task Read_GivesEachTaskItsInstancesZone_AndListsActiveAndDrainingInstancesWithTheirAgents()
    {
        var zoned = await InstanceAsync(attributes: [.. InstanceRequests.AgentAttributes(), new Attribute { Name = BuiltInAttributes.AvailabilityZone, Value = "us-east-1b" }]);
        var draining = await InstanceAsync(connected: false);
        var gone = await InstanceAsync();
        await Ecs.Instances.UpdateContainerInstancesState(
            Ecs.Caller(), new UpdateContainerInstancesStateRequest { Cluster = "prod", ContainerInstances = [draining.ContainerInstanceArn!], Status = InstanceStatus.Draining }, default);
        await Ecs.Registration.DeregisterContainerInstance(
            Ecs.Caller(), new DeregisterContainerInstanceRequest { Cluster = "prod", ContainerInstance = gone.ContainerInstanceArn!, Force = true }, default);
        var definition = await DefinitionAsync();
        await ServiceAsync(definition);
        await ServiceTasksAsync(1);

        var reading = (await Reader.ReadAsync(Key(), default))!;

        var task = Assert.Single(reading.Situation.Tasks);
        Assert.Equal((zoned.ContainerInstanceArn, "us-east-1b"), (task.ContainerInstanceArn, task.AvailabilityZone));
        Assert.Equal(
            new[]
            {
                (zoned.ContainerInstanceArn!, InstanceStatus.Active, true, "us-east-1b"),
                (draining.ContainerInstanceArn!, InstanceStatus.Draining, false, "us-east-1a"),
            }.OrderBy(i => i.Item1),
            reading.Situation.Instances.Select(i => (i.Arn, i.Status, i.AgentConnected, i.AvailabilityZone!)).OrderBy(i => i.Item1));
    }
}
