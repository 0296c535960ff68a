namespace Berth.ControlPlane.Ecs.Tasks;

/// <summary>The reasons ECS gives in <c>failures[]</c> when it cannot find an instance StartTask names (placement's own
/// reasons are <see cref="Placement.Engine.PlacementReasons"/>).</summary>
public static class TaskFailureReasons
{
    public const string Missing = "MISSING";
    public const string Inactive = "INACTIVE";
}
