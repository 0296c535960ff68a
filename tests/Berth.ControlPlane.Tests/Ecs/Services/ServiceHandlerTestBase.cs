using Berth.Aws.Generated.Ecs;
using Berth.Aws.Protocol;
using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Ecs.Services;
using Berth.ControlPlane.Tests.Ecs.Tasks;
using Berth.Domain;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecs.Services;

/// <summary>The "prod" cluster with a "web" task definition, and helpers to create, read and update services.</summary>
public abstract class ServiceHandlerTestBase : TaskHandlerTestBase
{
    protected static readonly ResourceScope Scope = new(EcsHarness.Account, EcsHarness.Region);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await DefinitionAsync();
    }

    /// <summary>Creates a REPLICA service of "web" in "prod" (2 tasks unless the request says otherwise).</summary>
    protected async Task<Service> CreateAsync(string name = "svc", Func<CreateServiceRequest, CreateServiceRequest>? change = null)
    {
        var request = new CreateServiceRequest { Cluster = "prod", ServiceName = name, TaskDefinition = "web", DesiredCount = 2 };
        return (await Ecs.Services.CreateService(Ecs.Caller(), (change ?? (r => r))(request), default)).Service!;
    }

    protected async Task<Service> UpdateAsync(UpdateServiceRequest request) =>
        (await Ecs.Services.UpdateService(Ecs.Caller(), request with { Cluster = "prod", Service = request.Service ?? "svc" }, default)).Service!;

    protected async Task<StoredService> StoredServiceAsync(string name = "svc") =>
        (await Ecs.Store.Services.GetAsync(Partition, EcsStore.ServiceKey("prod", name), default))!.Value;

    /// <summary>Stores a change to the service as the scheduler would, through <see cref="ServiceWrites"/>.</summary>
    protected async Task ChangeStoredAsync(Func<StoredService, StoredService> change, string name = "svc")
    {
        var stored = (await Ecs.Store.Services.GetAsync(Partition, EcsStore.ServiceKey("prod", name), default))!;
        await Ecs.Store.Store.ApplyAsync(new ServiceWrites(Ecs.Store).Save(Scope, stored, change(stored.Value)));
    }

    protected static async Task<AwsException> RefusedAsync(Func<Task> call) => await Assert.ThrowsAsync<AwsException>(call);
}
