using Berth.Aws.Generated.Ecs;

namespace Berth.ControlPlane.Ecs.ContainerInstances;

/// <summary>What a container instance looks like in each response: DescribeContainerInstances shows tags and health only
/// when asked.</summary>
public static class ContainerInstanceView
{
    /// <summary>Register and deregister answer with the instance and its tags.</summary>
    public static ContainerInstance Full(ContainerInstance instance) => instance with { Tags = instance.Tags ?? [], HealthStatus = null };

    public static ContainerInstance Describe(ContainerInstance instance, IReadOnlySet<string> include) => instance with
    {
        Tags = include.Contains(ContainerInstanceField.Tags) ? instance.Tags ?? [] : [],
        HealthStatus = include.Contains(ContainerInstanceField.ContainerInstanceHealth) ? HealthOf(instance) : null,
    };

    /// <summary>Health comes from the agent; until one has reported, there is no data to judge by.</summary>
    private static ContainerInstanceHealthStatus HealthOf(ContainerInstance instance) =>
        instance.HealthStatus ?? new ContainerInstanceHealthStatus { OverallStatus = InstanceHealthCheckState.InsufficientData, Details = [] };
}
