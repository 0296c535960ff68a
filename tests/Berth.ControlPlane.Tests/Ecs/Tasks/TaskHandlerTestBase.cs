using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Tests.Ecs.ContainerInstances;
using Attribute = Berth.Aws.Generated.Ecs.Attribute;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecs.Tasks;

/// <summary>A "prod" cluster and helpers to register instances (connected or not) and task definitions, for the task tests.</summary>
public abstract class TaskHandlerTestBase : EcsHandlerTests
{
    protected const string Partition = InstanceRequests.Partition;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Ecs.Clusters.CreateCluster(Ecs.Caller(), new CreateClusterRequest { ClusterName = "prod" }, default);
    }

    /// <summary>Registers an instance (with the agent's usual attributes unless <paramref name="attributes"/> are given, and
    /// <paramref name="gpus"/> when given); <paramref name="connected"/> sets agentConnected as the agent channel would.</summary>
    protected async Task<ContainerInstance> InstanceAsync(
        int cpu = 2048, int memory = 3928, bool connected = true, List<Attribute>? attributes = null, List<string>? gpus = null)
    {
        var registered = (await Ecs.Registration.RegisterContainerInstance(
            Ecs.Caller(), InstanceRequests.Register(cpu: cpu, memory: memory, attributes: attributes, gpus: gpus), default)).ContainerInstance!;
        if (!connected)
        {
            return registered;
        }

        var key = EcsStore.ContainerInstanceKey("prod", registered.ContainerInstanceArn!.Split('/')[^1]);
        var stored = (await Ecs.Store.ContainerInstances.GetAsync(Partition, key, default))!;
        var updated = stored.Value with { AgentConnected = true };
        await Ecs.Store.Store.ApplyAsync([Ecs.Store.ContainerInstances.Put(Partition, key, updated, stored.Version)], default);
        return updated;
    }

    protected async Task<TaskDefinition> DefinitionAsync(
        string family = "web", int cpu = 256, int memoryReservation = 512, List<Tag>? tags = null, string? networkMode = null) =>
        (await Ecs.TaskDefinitions.RegisterTaskDefinition(Ecs.Caller(), new RegisterTaskDefinitionRequest
        {
            Family = family,
            NetworkMode = networkMode,
            ContainerDefinitions = [new ContainerDefinition { Name = "app", Image = "nginx", Cpu = cpu, MemoryReservation = memoryReservation }],
            Tags = tags,
        }, default)).TaskDefinition!;

    protected async Task<RunTaskResponse> RunAsync(string taskDefinition = "web", int? count = null, string? startedBy = null, string? launchType = null) =>
        await Ecs.RunTask.RunTask(
            Ecs.Caller(),
            new RunTaskRequest { Cluster = "prod", TaskDefinition = taskDefinition, Count = count, StartedBy = startedBy, LaunchType = launchType },
            default);

    protected async Task<ContainerInstance> StoredInstanceAsync(string arn) =>
        (await Ecs.Store.ContainerInstances.GetAsync(Partition, EcsStore.ContainerInstanceKey("prod", arn.Split('/')[^1]), default))!.Value;

    protected async Task<Cluster> StoredClusterAsync() => (await Ecs.Store.Clusters.GetAsync(Partition, "prod", default))!.Value;

    protected static int Remaining(ContainerInstance instance, string name) => instance.RemainingResources!.Single(r => r.Name == name).IntegerValue!.Value;
}
