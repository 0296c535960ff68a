using Berth.Aws.Auth;
using Berth.Aws.Dispatch;
using Berth.Aws.Model;
using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Ecs.AccountSettings;
using Berth.ControlPlane.Ecs.Attributes;
using Berth.ControlPlane.Ecs.Clusters;
using Berth.ControlPlane.Ecs.ContainerInstances;
using Berth.ControlPlane.Ecs.Services;
using Berth.ControlPlane.Ecs.Tagging;
using Berth.ControlPlane.Ecs.TaskDefinitions;
using Berth.ControlPlane.Ecs.Tasks;
using Berth.ControlPlane.Tests.Elb;
using Berth.State;
using Berth.State.Sqlite;

namespace Berth.ControlPlane.Tests.Ecs;

/// <summary>The ECS handlers wired as AddEcs wires them, over a real temporary SQLite store, with a hand-set clock.</summary>
public sealed class EcsHarness : IAsyncDisposable
{
    public const string Account = "123456789012";
    public const string Region = "us-east-1";
    public const string AliceArn = "arn:aws:iam::123456789012:user/alice";
    public const string BobArn = "arn:aws:iam::123456789012:role/bob";

    public static readonly DateTimeOffset Start = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private EcsHarness(IStore store)
    {
        Store = new EcsStore(store);
        var clusterResolver = new ClusterResolver(Store);
        Settings = new AccountSettingHandlers(Store, new AccountSettingResolver(Store));
        Clusters = new ClusterHandlers(Store, clusterResolver, new AccountSettingResolver(Store));
        TaskDefinitions = new TaskDefinitionHandlers(Store, new TaskDefinitionResolver(Store), Time);
        var instanceResolver = new ContainerInstanceResolver(Store);
        Registration = new ContainerInstanceRegistrationHandlers(Store, clusterResolver, instanceResolver, Ids, Time);
        var taskResolver = new TaskResolver(Store);
        Instances = new ContainerInstanceHandlers(Store, clusterResolver, instanceResolver, taskResolver);
        Attributes = new AttributeHandlers(Store, clusterResolver, instanceResolver);
        Placer = new TaskPlacer(Store, clusterResolver, instanceResolver, taskResolver, Ids, new Random(7));
        RunTask = new RunTaskHandler(Store, clusterResolver, new TaskDefinitionResolver(Store), Placer, Time);
        Tasks = new TaskHandlers(Store, clusterResolver, taskResolver, Time);
        var serviceResolver = new ServiceResolver(Store);
        var serviceWrites = new ServiceWrites(Store);
        ServiceTargets = new ServiceTargets(Store, TargetGroups);
        Services = new ServiceHandlers(Store, clusterResolver, serviceResolver, new TaskDefinitionResolver(Store), serviceWrites, ServiceTargets, Ids, Time);
        ServiceDeployments = new ServiceDeploymentHandlers(Store, clusterResolver, serviceResolver, serviceWrites, Ids, Time);
        Protections = new TaskProtections(Store);
        TaskProtection = new TaskProtectionHandlers(clusterResolver, taskResolver, Protections, Store, Time);
        Tags = new TagHandlers(
        [
            new ClusterTagTarget(Store, clusterResolver), new TaskDefinitionTagTarget(Store), new ContainerInstanceTagTarget(Store, instanceResolver),
            new TaskTagTarget(Store, taskResolver), new ServiceTagTarget(Store, serviceResolver, serviceWrites),
        ]);
    }

    public FixedTimeProvider Time { get; } = new(Start);

    /// <summary>ELBv2 for the services' load balancers.</summary>
    public FakeTargetRegistry TargetGroups { get; } = new();

    public ServiceTargets ServiceTargets { get; }

    public SequentialIdSource Ids { get; } = new();

    public EcsStore Store { get; }

    public ClusterHandlers Clusters { get; }

    public TaskDefinitionHandlers TaskDefinitions { get; }

    public TagHandlers Tags { get; }

    public AccountSettingHandlers Settings { get; }

    public ContainerInstanceRegistrationHandlers Registration { get; }

    public ContainerInstanceHandlers Instances { get; }

    public AttributeHandlers Attributes { get; }

    /// <summary>The placer RunTask uses, for the service scheduler's tests to share as the product does.</summary>
    public TaskPlacer Placer { get; }

    public RunTaskHandler RunTask { get; }

    public TaskHandlers Tasks { get; }

    public ServiceHandlers Services { get; }

    public ServiceDeploymentHandlers ServiceDeployments { get; }

    public TaskProtections Protections { get; }

    public TaskProtectionHandlers TaskProtection { get; }

    public static async Task<EcsHarness> OpenAsync() => new(await SqliteStore.OpenTemporaryAsync());

    /// <summary>A request signed by <paramref name="principalArn"/> of <paramref name="account"/> for <paramref name="region"/>.</summary>
    public RequestContext Caller(string principalArn = AliceArn, string account = Account, string region = Region) => new()
    {
        Principal = new AuthenticatedPrincipal(new Credential("AKIDTEST", "secret", account, principalArn), region, "ecs", Time.GetUtcNow()),
        Operation = new Operation("Test", null, null, [], "POST", "/"),
        RequestId = Guid.NewGuid().ToString(),
    };

    public ValueTask DisposeAsync() => Store.Store.DisposeAsync();
}
