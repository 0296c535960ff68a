namespace Berth.ControlPlane.Ecs.ContainerInstances;

/// <summary>Container instance status values. The model's <c>ContainerInstanceStatus</c> enum is the list filter's and lacks
/// INACTIVE, the status a deregistered instance keeps while it stays describable.</summary>
public static class InstanceStatus
{
    public const string Active = "ACTIVE";
    public const string Draining = "DRAINING";
    public const string Inactive = "INACTIVE";
    public const string Registering = "REGISTERING";
    public const string Deregistering = "DEREGISTERING";
    public const string RegistrationFailed = "REGISTRATION_FAILED";

    /// <summary>ACTIVE and DRAINING instances are registered: they count in the cluster's
    /// <c>registeredContainerInstancesCount</c> and keep DeleteCluster from deleting it.</summary>
    public static bool IsRegistered(string? status) => status is Active or Draining;
}
