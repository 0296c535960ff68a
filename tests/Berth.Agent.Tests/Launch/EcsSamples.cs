using Berth.AgentProtocol;
using Berth.Aws.Generated.Ecs;
using EcsTask = Berth.Aws.Generated.Ecs.Task;

namespace Berth.Agent.Tests.Launch;

/// <summary>A small valid task (containers web and db, host volume data) that tests change one field at a time.</summary>
internal static class EcsSamples
{
    public const string TaskArn = "arn:aws:ecs:us-east-1:123456789012:task/prod/0123456789abcdef0123456789abcdef";
    public const string ClusterArn = "arn:aws:ecs:us-east-1:123456789012:cluster/prod";
    public const string InstanceArn = "arn:aws:ecs:us-east-1:123456789012:container-instance/prod/instance1";

    public static ContainerDefinition Web => new() { Name = "web", Image = "berth-test/busybox:latest" };

    public static ContainerDefinition Db => new() { Name = "db", Image = "berth-test/busybox:latest", Essential = false };

    public static TaskDefinition Definition(params ContainerDefinition[] containers) => new()
    {
        Family = "shop",
        Revision = 3,
        ContainerDefinitions = containers.Length == 0 ? [Web, Db] : [.. containers],
        Volumes = [new Volume { Name = "data", Host = new HostVolumeProperties { SourcePath = "/srv/data" } }],
    };

    /// <summary>The sample definition whose web container is <paramref name="change"/>d.</summary>
    public static TaskDefinition WithWeb(Func<ContainerDefinition, ContainerDefinition> change) => Definition(change(Web), Db);

    public static EcsTask Task(TaskOverride? overrides = null) => new()
    {
        TaskArn = TaskArn,
        ClusterArn = ClusterArn,
        ContainerInstanceArn = InstanceArn,
        Overrides = overrides,
    };

    public static TaskAssignment Assignment(TaskDefinition definition, TaskOverride? overrides = null) =>
        new(Task(overrides), definition);
}
