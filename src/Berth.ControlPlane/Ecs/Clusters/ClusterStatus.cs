namespace Berth.ControlPlane.Ecs.Clusters;

/// <summary>Cluster status values (a plain string in the ECS model).</summary>
public static class ClusterStatus
{
    public const string Active = "ACTIVE";
    public const string Provisioning = "PROVISIONING";
    public const string Deprovisioning = "DEPROVISIONING";
    public const string Failed = "FAILED";
    public const string Inactive = "INACTIVE";
}
