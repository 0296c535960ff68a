using Berth.ControlPlane.Controllers;
using Berth.ControlPlane.Ecs.Services;
using Berth.ControlPlane.Tests.Ecs.ContainerInstances;
using Berth.ControlPlane.Tests.Ecs.Services;
using Berth.Domain;
using Berth.State;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Controllers;

/// <summary>Which services each kind of store change wakes.</summary>
public sealed class ServiceWakeupsTests : ServiceTestBase
{
    private ServiceWakeups Wakeups => new(Ecs.Store, Own);

    [Fact]
    public async Task AServiceChange_WakesThatService_UnlessTheSchedulerWroteItItself()
    {
        var service = await ServiceAsync(await DefinitionAsync());
        var change = await LastChangeAsync(Ecs.Store.Services.Kind);

        Assert.Equal([Key()], await Wakeups.KeysAsync(change, default));

        Own.Expect(Key(), service.Version - 1);
        Assert.Empty(await Wakeups.KeysAsync(change, default));
    }

    [Fact]
    public async Task ATaskChange_WakesTheServiceItsGroupNames_AndOtherTasksWakeNone()
    {
        await InstanceAsync();
        await DefinitionAsync();
        await ServiceTasksAsync(1, service: "api");
        var serviceTask = await LastChangeAsync(Ecs.Store.Tasks.Kind);
        await RunAsync();
        var standalone = await LastChangeAsync(Ecs.Store.Tasks.Kind);

        Assert.Equal([Key("api")], await Wakeups.KeysAsync(serviceTask, default));
        Assert.Empty(await Wakeups.KeysAsync(standalone, default));
    }

    [Fact]
    public async Task AProtectionChange_WakesTheServiceOfItsTask()
    {
        await InstanceAsync();
        await DefinitionAsync();
        var task = (await ServiceTasksAsync(1, service: "api"))[0];
        await Ecs.Store.Store.ApplyAsync(
            [Ecs.Protections.Write(Scope, "prod", new Aws.Generated.Ecs.ProtectedTask { TaskArn = task.TaskArn, ProtectionEnabled = true })], default);
        var change = await LastChangeAsync(Ecs.Store.TaskProtections.Kind);

        Assert.Equal([Key("api")], await Wakeups.KeysAsync(change, default));
    }

    [Fact]
    public async Task AnInstanceChange_WakesEveryServiceOfItsCluster_AndNoOther()
    {
        var definition = await DefinitionAsync();
        await Ecs.Clusters.CreateCluster(Ecs.Caller(), new Aws.Generated.Ecs.CreateClusterRequest { ClusterName = "other" }, default);
        await ServiceAsync(definition, "web");
        await ServiceAsync(definition, "api");
        await ServiceAsync(definition, "elsewhere", cluster: "other");
        await InstanceAsync();
        var change = await LastChangeAsync(Ecs.Store.ContainerInstances.Kind);

        Assert.Equal([Key("api"), Key("web")], await Wakeups.KeysAsync(change, default));
    }

    [Fact]
    public async Task All_IsEveryServiceOfEveryAccountAndRegion()
    {
        var definition = await DefinitionAsync();
        await ServiceAsync(definition, "web");
        var elsewhere = new ResourceScope("210987654321", "eu-west-1");
        var foreign = new StoredService
        {
            Service = new Aws.Generated.Ecs.Service
            {
                ServiceName = "far", ServiceArn = Berth.ControlPlane.Ecs.EcsArns.EcsService(elsewhere, "prod", "far"), ClusterArn = Berth.ControlPlane.Ecs.EcsArns.Cluster(elsewhere, "prod"),
            },
        };
        await Ecs.Store.Store.ApplyAsync(Writes.Save(elsewhere, null, foreign), default);

        Assert.Equal(
            [new ServiceKey("123456789012/us-east-1", "prod", "web"), new ServiceKey("210987654321/eu-west-1", "prod", "far")],
            (await Wakeups.AllAsync(default)).OrderBy(k => k.Name == "far").ToList());
    }

    private async Task<Change> LastChangeAsync(string kind) =>
        (await Ecs.Store.Store.ReadChangesAsync(0, 1000, default)).Last(c => c.Kind == kind && c.Partition == InstanceRequests.Partition);
}
