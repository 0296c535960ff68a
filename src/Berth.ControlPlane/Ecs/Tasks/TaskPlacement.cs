using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.ContainerInstances;

namespace Berth.ControlPlane.Ecs.Tasks;

/// <summary>Simple first-fit placement: the first ACTIVE instance with a connected agent and enough remaining CPU and
/// memory, and none of the task's static host ports in use. When none fits, the reason ECS would give, reported against the instance that came closest.</summary>
public static class TaskPlacement
{
    /// <summary>Either the chosen instance or a failure; <paramref name="candidates"/> are the cluster's instances in store order.</summary>
    public static (ContainerInstance? Instance, Failure? Failure) Choose(IEnumerable<ContainerInstance> candidates, TaskReservation reservation)
    {
        Failure? failure = null;
        foreach (var instance in candidates.Where(i => i.Status == InstanceStatus.Active))
        {
            var reason = ReasonAgainst(instance, reservation);
            if (reason is null)
            {
                return (instance, null);
            }

            failure ??= new Failure { Arn = instance.ContainerInstanceArn, Reason = reason };
        }

        return (null, failure);
    }

    /// <summary>Why the task cannot go on this instance, or null when it can.</summary>
    public static string? ReasonAgainst(ContainerInstance instance, TaskReservation reservation)
    {
        if (instance.AgentConnected != true)
        {
            return TaskFailureReasons.Agent;
        }

        if (Remaining(instance, InstanceResources.Cpu) < reservation.Cpu)
        {
            return TaskFailureReasons.Cpu;
        }

        if (Remaining(instance, InstanceResources.Memory) < reservation.Memory)
        {
            return TaskFailureReasons.Memory;
        }

        return InUse(instance, InstanceResources.Ports, reservation.TcpPorts) || InUse(instance, InstanceResources.PortsUdp, reservation.UdpPorts)
            ? TaskFailureReasons.Ports
            : null;
    }

    /// <summary>The instance with the task's reservation taken from its remaining resources and one more pending task.</summary>
    public static ContainerInstance Reserve(ContainerInstance instance, TaskReservation reservation) =>
        InstanceVersion.Bump(instance with
        {
            RemainingResources = RemainingResources.Of(instance.RemainingResources ?? [], [reservation.Resources()]),
            PendingTasksCount = (instance.PendingTasksCount ?? 0) + 1,
        });

    /// <summary>Whether any of the ports is already listed as in use (remaining PORTS lists the ports taken, as ECS does).</summary>
    private static bool InUse(ContainerInstance instance, string name, List<string> ports) =>
        instance.RemainingResources?.FirstOrDefault(r => r.Name == name)?.StringSetValue is { } taken && ports.Any(taken.Contains);

    private static int Remaining(ContainerInstance instance, string name) =>
        instance.RemainingResources?.FirstOrDefault(r => r.Name == name)?.IntegerValue ?? 0;
}
