namespace Berth.ControlPlane.Ecs.Services.Scheduling;

/// <summary>A service's status: ACTIVE, DRAINING once deleted while tasks remain, INACTIVE once they have all stopped.</summary>
public static class ServiceStatuses
{
    public const string Active = "ACTIVE";
    public const string Draining = "DRAINING";
    public const string Inactive = "INACTIVE";
}
