namespace Berth.ControlPlane.Ecs.Services;

/// <summary>Service status values (a plain string in the ECS model): DRAINING after DeleteService until its tasks have
/// stopped, then INACTIVE.</summary>
public static class ServiceStatus
{
    public const string Active = "ACTIVE";
    public const string Draining = "DRAINING";
    public const string Inactive = "INACTIVE";
}
