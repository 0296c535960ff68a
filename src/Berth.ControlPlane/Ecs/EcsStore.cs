using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.TaskDefinitions;
using Berth.ControlPlane.Storage;
using Berth.State;

namespace Berth.ControlPlane.Ecs;

/// <summary>The ECS documents in the store, one collection per kind; keys are chosen so that store order is ECS's list order.</summary>
public sealed class EcsStore(IStore store)
{
    public IStore Store => store;

    /// <summary>Keyed by cluster name.</summary>
    public DocumentCollection<Cluster> Clusters { get; } = new(store, "ecs.cluster", StoredJsonContext.Default.Cluster);

    /// <summary>Keyed by <see cref="TaskDefinitionKey"/>.</summary>
    public DocumentCollection<StoredTaskDefinition> TaskDefinitions { get; } =
        new(store, "ecs.task-definition", StoredJsonContext.Default.StoredTaskDefinition);

    /// <summary>Keyed by family name.</summary>
    public DocumentCollection<TaskDefinitionFamily> Families { get; } =
        new(store, "ecs.task-definition-family", StoredJsonContext.Default.TaskDefinitionFamily);

    /// <summary>Keyed by <see cref="ContainerInstanceKey"/>, so one cluster's instances list together.</summary>
    public DocumentCollection<ContainerInstance> ContainerInstances { get; } =
        new(store, "ecs.container-instance", StoredJsonContext.Default.ContainerInstance);

    /// <summary>Keyed by <see cref="TaskKey"/>, so one cluster's tasks list together. Tasks are read far more often than they
    /// change (every scheduler pass and placement batch reads a cluster's tasks), so parsed ones are kept.</summary>
    public DocumentCollection<Aws.Generated.Ecs.Task> Tasks { get; } =
        new(store, "ecs.task", StoredJsonContext.Default.Task, new ParsedDocuments<Aws.Generated.Ecs.Task>(capacity: 100_000));

    /// <summary>Keyed by <see cref="ServiceKey"/>, so one cluster's services list together.</summary>
    public DocumentCollection<Services.StoredService> Services { get; } =
        new(store, "ecs.service", StoredJsonContext.Default.StoredService);

    /// <summary>Keyed by <see cref="ServiceDeploymentKey"/>: one per deployment, written by <c>ServiceWrites</c>.</summary>
    public DocumentCollection<ServiceDeployment> ServiceDeployments { get; } =
        new(store, "ecs.service-deployment", Ecs.Services.ServiceRecordJsonContext.Default.ServiceDeployment);

    /// <summary>Keyed by <see cref="ServiceDeploymentKey"/> (a revision has its deployment's id): the configuration a deployment rolls out.</summary>
    public DocumentCollection<ServiceRevision> ServiceRevisions { get; } =
        new(store, "ecs.service-revision", Ecs.Services.ServiceRecordJsonContext.Default.ServiceRevision);

    /// <summary>Keyed by <see cref="TaskKey"/>: a task's scale-in protection and when it ends.</summary>
    public DocumentCollection<ProtectedTask> TaskProtections { get; } =
        new(store, "ecs.task-protection", Ecs.Services.ServiceRecordJsonContext.Default.ProtectedTask);

    /// <summary>Keyed by <see cref="AccountSettings.AccountSettingKey"/>.</summary>
    public DocumentCollection<Setting> AccountSettings { get; } = new(store, "ecs.account-setting", StoredJsonContext.Default.Setting);

    /// <summary>'#' sorts below every character a family may contain, so "web" lists before "web-api", and revisions
    /// are zero-padded so they list in numeric order.</summary>
    public static string TaskDefinitionKey(string family, int revision) => $"{family}#{revision:D10}";

    public static string TaskDefinitionPrefix(string family) => family + "#";

    /// <summary>'/' never occurs in a cluster name, so the prefix of "web" does not take in the instances of "web-api".</summary>
    public static string ContainerInstanceKey(string cluster, string id) => $"{cluster}/{id}";

    public static string ContainerInstancePrefix(string cluster) => cluster + "/";

    /// <summary>'/' never occurs in a cluster name, so the prefix of "web" does not take in the tasks of "web-api".</summary>
    public static string TaskKey(string cluster, string id) => $"{cluster}/{id}";

    public static string TaskPrefix(string cluster) => cluster + "/";

    /// <summary>'/' never occurs in a cluster or service name.</summary>
    public static string ServiceKey(string cluster, string name) => $"{cluster}/{name}";

    public static string ServicePrefix(string cluster) => cluster + "/";

    /// <summary>'/' never occurs in a cluster or service name, so one service's deployments (and revisions) list together.</summary>
    public static string ServiceDeploymentKey(string cluster, string service, string id) => $"{cluster}/{service}/{id}";

    public static string ServiceDeploymentPrefix(string cluster, string service) => $"{cluster}/{service}/";
}
