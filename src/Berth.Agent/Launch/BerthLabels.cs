namespace Berth.Agent.Launch;

/// <summary>Docker labels Berth adds beside the ECS ones: several agents may share one Docker engine, and each finds its own
/// containers by these.</summary>
public static class BerthLabels
{
    /// <summary>The container instance whose agent created the container.</summary>
    public const string ContainerInstanceArn = "berth.container-instance-arn";
}
