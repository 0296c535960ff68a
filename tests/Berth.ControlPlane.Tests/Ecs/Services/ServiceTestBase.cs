using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Controllers;
using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Ecs.Services;
using Berth.ControlPlane.Ecs.Services.Scheduling;
using Berth.ControlPlane.Ecs.TaskDefinitions;
using Berth.ControlPlane.Ecs.Tasks;
using Berth.ControlPlane.Storage;
using Berth.ControlPlane.Tests.Ecs.ContainerInstances;
using Berth.ControlPlane.Tests.Ecs.Tasks;
using Berth.Domain;
using EcsTask = Berth.Aws.Generated.Ecs.Task;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecs.Services;

/// <summary>The "prod" cluster with services written as documents (the API handlers are not needed), and the scheduler's
/// reader, applier and pass wired over the harness as the product wires them.</summary>
public abstract class ServiceTestBase : TaskHandlerTestBase
{
    protected const string Deployment = "ecs-svc/1000000000000000001";
    protected static readonly ResourceScope Scope = new(EcsHarness.Account, EcsHarness.Region);

    protected OwnServiceWrites Own { get; } = new();

    protected ServiceWrites Writes => new(Ecs.Store);

    protected ServiceSituationReader Reader =>
        new(Ecs.Store, new DefinitionHealthChecks(new TaskDefinitionResolver(Ecs.Store)), Ecs.Protections, Ecs.ServiceTargets, SchedulerSettings.Default, Ecs.Time);

    protected ServiceDecisionApplier Applier =>
        new(Ecs.Store, Writes, new TaskResolver(Ecs.Store), new TaskDefinitionResolver(Ecs.Store), Ecs.Placer, Own, Ecs.Ids, Ecs.Time);

    protected ServiceReconciler Reconciler(Func<ServiceSituation, IIdSource, ServiceDecision> decide) =>
        new(Reader, Applier, Ecs.ServiceTargets, Ecs.Ids, Ecs.Time, new ServiceControllerOptions(), decide);

    protected static ServiceKey Key(string name = "web", string cluster = "prod") => new(InstanceRequests.Partition, cluster, name);

    /// <summary>Stores a service of <paramref name="definition"/> with one PRIMARY deployment (<see cref="Deployment"/>).</summary>
    protected async Task<Versioned<StoredService>> ServiceAsync(
        TaskDefinition definition, string name = "web", string cluster = "prod", Func<Service, Service>? shape = null)
    {
        var service = new Service
        {
            ServiceArn = EcsArns.EcsService(Scope, cluster, name),
            ServiceName = name,
            ClusterArn = EcsArns.Cluster(Scope, cluster),
            Status = "ACTIVE",
            DesiredCount = 2,
            LaunchType = LaunchType.Ec2,
            SchedulingStrategy = SchedulingStrategy.Replica,
            Deployments = [],
            Events = [],
        };
        var stored = ServiceRollout.StartDeployment(
            new StoredService { Service = shape is null ? service : shape(service) },
            new Deployment { TaskDefinition = definition.TaskDefinitionArn, LaunchType = LaunchType.Ec2 },
            Deployment,
            Ecs.Time.GetUtcNow());
        await Ecs.Store.Store.ApplyAsync(Writes.Save(Scope, null, stored), default);
        return (await Ecs.Store.Services.GetAsync(InstanceRequests.Partition, EcsStore.ServiceKey(cluster, name), default))!;
    }

    /// <summary>Tasks placed as the scheduler places them: group service:<paramref name="service"/>, started by a deployment.</summary>
    protected async Task<List<EcsTask>> ServiceTasksAsync(int count, string service = "web", string startedBy = Deployment, string family = "web") =>
        (await Ecs.RunTask.RunTask(
            Ecs.Caller(),
            new RunTaskRequest { Cluster = "prod", TaskDefinition = family, Count = count, Group = ServiceTaskGroup.Of(service), StartedBy = startedBy },
            default)).Tasks!;

    protected async Task<Versioned<EcsTask>> StoredTaskAsync(string arn) =>
        (await Ecs.Store.Tasks.GetAsync(InstanceRequests.Partition, TaskResolver.KeyOf(new EcsTask { TaskArn = arn }), default))!;

    protected async Task<StoredService> StoredServiceAsync(string name = "web") =>
        (await Ecs.Store.Services.GetAsync(InstanceRequests.Partition, EcsStore.ServiceKey("prod", name), default))!.Value;

    /// <summary>Changes a stored task as an agent's report would.</summary>
    protected async Task ChangeTaskAsync(string arn, Func<EcsTask, EcsTask> change)
    {
        var stored = await StoredTaskAsync(arn);
        await Ecs.Store.Store.ApplyAsync([new TaskResolver(Ecs.Store).Write(Scope, change(stored.Value), stored.Version)], default);
    }
}
