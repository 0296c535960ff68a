using Berth.Aws.Generated.Ecs;

namespace Berth.ControlPlane.Ecs.ContainerInstances;

/// <summary>ECS counts every change to a container instance in its <c>version</c>, which agents and event consumers compare
/// to tell newer state from older; every write of a changed instance goes through here.</summary>
public static class InstanceVersion
{
    public const long First = 1;

    public static ContainerInstance Bump(ContainerInstance instance) => instance with { Version = (instance.Version ?? 0) + 1 };
}
