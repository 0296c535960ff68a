using Berth.Domain;

namespace Berth.ControlPlane.Ecs;

/// <summary>The ARNs of ECS resources, shaped as AWS shapes them so client-side ARN parsing works.</summary>
public static class EcsArns
{
    public const string Service = "ecs";
    public const string ServiceDeploymentType = "service-deployment";
    public const string ServiceRevisionType = "service-revision";

    public static string Cluster(ResourceScope scope, string name) => Arn.For(Service, scope, $"cluster/{name}").ToString();

    public static string TaskDefinition(ResourceScope scope, string family, int revision) =>
        Arn.For(Service, scope, $"task-definition/{family}:{revision}").ToString();

    /// <summary>The long ARN format (with the cluster name), which ECS uses for every container instance registered today.</summary>
    public static string ContainerInstance(ResourceScope scope, string cluster, string id) =>
        Arn.For(Service, scope, $"container-instance/{cluster}/{id}").ToString();

    /// <summary>The long ARN format (with the cluster name), which ECS uses for every task launched today.</summary>
    public static string Task(ResourceScope scope, string cluster, string id) => Arn.For(Service, scope, $"task/{cluster}/{id}").ToString();

    /// <summary>The long ARN format (with the cluster name), which ECS uses for every service created today.</summary>
    public static string EcsService(ResourceScope scope, string cluster, string name) => Arn.For(Service, scope, $"service/{cluster}/{name}").ToString();

    /// <summary>A service deployment: <c>service-deployment/cluster/service/id</c>, where the id is the deployment's digits.</summary>
    public static string ServiceDeployment(ResourceScope scope, string cluster, string service, string id) =>
        Arn.For(Service, scope, $"{ServiceDeploymentType}/{cluster}/{service}/{id}").ToString();

    /// <summary>A service revision: <c>service-revision/cluster/service/id</c>.</summary>
    public static string ServiceRevision(ResourceScope scope, string cluster, string service, string id) =>
        Arn.For(Service, scope, $"{ServiceRevisionType}/{cluster}/{service}/{id}").ToString();

    public static string Container(ResourceScope scope, string cluster, string taskId, string uuid) =>
        Arn.For(Service, scope, $"container/{cluster}/{taskId}/{uuid}").ToString();

    /// <summary>The scope, cluster and id of a long-format task or container instance ARN (<c>.../cluster/id</c>), as Berth
    /// issues them; throws for anything else, which a stored document never holds.</summary>
    public static (ResourceScope Scope, string Cluster, string Id) ParseLong(string? longArn) =>
        Arn.TryParse(longArn, out var arn) && arn.ResourceId.Split('/') is [var cluster, var id]
            ? (new ResourceScope(arn.Account, arn.Region), cluster, id)
            : throw new InvalidDataException($"Not a long-format ECS ARN: '{longArn}'.");
}
