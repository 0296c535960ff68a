using Berth.Aws.Auth;
using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Agents;
using Berth.ControlPlane.Tests.Ecs;
using Berth.ControlPlane.Tests.Ecs.ContainerInstances;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Agents;

/// <summary>Base of the agent tests: an ECS harness with cluster "prod" and one registered instance, and the agent pieces over its store.</summary>
public abstract class AgentTests : EcsHandlerTests
{
    public static readonly Credential Admin = new("AKIDADMIN", "admin-secret", EcsHarness.Account, "arn:aws:iam::123456789012:root");

    protected string InstanceArn { get; private set; } = "";

    protected InstanceCredentialCache Cache { get; } = new();

    protected InstanceCredentials Credentials { get; private set; } = null!;

    protected InstanceCredentialIssuer Issuer { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Ecs.Clusters.CreateCluster(Ecs.Caller(), new CreateClusterRequest { ClusterName = "prod" }, default);
        InstanceArn = await RegisterAsync();
        Credentials = new InstanceCredentials(Ecs.Store.Store);
        Issuer = new InstanceCredentialIssuer(Credentials, Cache, Ecs.Store, Ecs.Time);
    }

    protected async Task<string> RegisterAsync() =>
        (await Ecs.Registration.RegisterContainerInstance(Ecs.Caller(), InstanceRequests.Register(), default)).ContainerInstance!.ContainerInstanceArn!;

    protected async Task<ContainerInstance> InstanceAsync(string arn) =>
        (await Ecs.Instances.DescribeContainerInstances(
            Ecs.Caller(), new DescribeContainerInstancesRequest { Cluster = "prod", ContainerInstances = [arn] }, default)).ContainerInstances!.Single();
}
