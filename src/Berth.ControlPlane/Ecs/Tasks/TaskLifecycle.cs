using EcsTask = Berth.Aws.Generated.Ecs.Task;

namespace Berth.ControlPlane.Ecs.Tasks;

/// <summary>The order task and container statuses move in: a status only ever moves forward, so an older report replayed
/// after a reconnect can be recognised and ignored.</summary>
public static class TaskLifecycle
{
    public const string Provisioning = "PROVISIONING";
    public const string Pending = "PENDING";
    public const string Activating = "ACTIVATING";
    public const string Running = "RUNNING";
    public const string Deactivating = "DEACTIVATING";
    public const string Stopping = "STOPPING";
    public const string Deprovisioning = "DEPROVISIONING";
    public const string Stopped = "STOPPED";

    private static readonly string[] TaskOrder = [Provisioning, Pending, Activating, Running, Deactivating, Stopping, Deprovisioning, Stopped];
    private static readonly string[] ContainerOrder = [Pending, Running, Stopped];

    /// <summary>The position of a task status; a status ECS does not know is refused.</summary>
    public static int TaskRank(string status) => Rank(TaskOrder, status, "task");

    /// <summary>The position of a container status (the API reports only PENDING, RUNNING and STOPPED).</summary>
    public static int ContainerRank(string status) => Rank(ContainerOrder, status, "container");

    /// <summary>DEACTIVATING and everything after it: the task is on its way down.</summary>
    public static bool IsStoppingPhase(string status) => TaskRank(status) >= TaskRank(Deactivating);

    /// <summary>Whether the task ever reached RUNNING (its first RUNNING stamps startedAt).</summary>
    public static bool HasRun(EcsTask task) => task.StartedAt is not null;

    private static int Rank(string[] order, string status, string what) =>
        Array.IndexOf(order, status) is var rank and >= 0 ? rank : throw TaskErrors.InvalidStatus(what, status);
}
