namespace Berth.ControlPlane.Ecs.Tasks;

/// <summary>The reasons ECS gives in <c>failures[]</c> when it cannot place or find a task, each spelled once.</summary>
public static class TaskFailureReasons
{
    public const string Cpu = "RESOURCE:CPU";
    public const string Memory = "RESOURCE:MEMORY";
    public const string Ports = "RESOURCE:PORTS";
    public const string Agent = "AGENT";
    public const string Missing = "MISSING";
    public const string Inactive = "INACTIVE";
}
