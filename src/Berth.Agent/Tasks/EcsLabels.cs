namespace Berth.Agent.Tasks;

/// <summary>The Docker labels the ECS agent puts on a task's containers; a restarted agent finds them again by these.</summary>
public static class EcsLabels
{
    public const string Cluster = "com.amazonaws.ecs.cluster";
    public const string TaskArn = "com.amazonaws.ecs.task-arn";
    public const string ContainerName = "com.amazonaws.ecs.container-name";
    public const string TaskDefinitionFamily = "com.amazonaws.ecs.task-definition-family";
    public const string TaskDefinitionVersion = "com.amazonaws.ecs.task-definition-version";
}
