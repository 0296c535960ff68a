using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.ContainerInstances;
using EcsTask = Berth.Aws.Generated.Ecs.Task;

namespace Berth.ControlPlane.Ecs.Tasks;

/// <summary>Which count a task is in (RunTask counts it pending on its instance and cluster) and what moving it does: at
/// RUNNING it moves from pending to running, at STOPPED it leaves its count and its reservation returns to the instance.</summary>
public static class TaskAccounting
{
    /// <summary>The count a task is kept in; a task that never ran stays pending until it stops.</summary>
    public enum Phase
    {
        Pending,
        Running,
        Stopped,
    }

    public static Phase PhaseOf(EcsTask task) =>
        task.LastStatus == TaskLifecycle.Stopped ? Phase.Stopped : TaskLifecycle.HasRun(task) ? Phase.Running : Phase.Pending;

    /// <summary>The instance with the task moved between its counts and, when it stops, <paramref name="reservation"/> returned.</summary>
    public static ContainerInstance Move(ContainerInstance instance, Phase from, Phase to, TaskReservation reservation)
    {
        var (pending, running) = Counts(instance.PendingTasksCount, instance.RunningTasksCount, from, to);
        return InstanceVersion.Bump(instance with
        {
            PendingTasksCount = pending,
            RunningTasksCount = running,
            RemainingResources = to == Phase.Stopped
                ? RemainingResources.Return(instance.RemainingResources ?? [], reservation.Resources())
                : instance.RemainingResources,
        });
    }

    /// <summary>The instance with new tasks' reservations taken from its remaining resources and the tasks counted pending.</summary>
    public static ContainerInstance Reserve(ContainerInstance instance, IReadOnlyList<TaskReservation> reservations) =>
        InstanceVersion.Bump(instance with
        {
            RemainingResources = RemainingResources.Of(instance.RemainingResources ?? [], reservations.Select(r => r.Resources())),
            PendingTasksCount = (instance.PendingTasksCount ?? 0) + reservations.Count,
        });

    /// <summary>The cluster with the task moved between its counts.</summary>
    public static Cluster Move(Cluster cluster, Phase from, Phase to)
    {
        var (pending, running) = Counts(cluster.PendingTasksCount, cluster.RunningTasksCount, from, to);
        return cluster with { PendingTasksCount = pending, RunningTasksCount = running };
    }

    private static (int Pending, int Running) Counts(int? pending, int? running, Phase from, Phase to) =>
        ((pending ?? 0) + Delta(Phase.Pending, from, to), (running ?? 0) + Delta(Phase.Running, from, to));

    private static int Delta(Phase counted, Phase from, Phase to) => (to == counted ? 1 : 0) - (from == counted ? 1 : 0);
}
