using Berth.Aws.Generated.Ecs;

namespace Berth.ControlPlane.Ecs.ContainerInstances;

/// <summary>Which status changes UpdateContainerInstancesState and DeregisterContainerInstance may make.</summary>
public static class InstanceStateRules
{
    /// <summary>Operators move instances between ACTIVE and DRAINING only; the other statuses belong to registration.</summary>
    public static void EnsureSettable(string status)
    {
        if (status is not (InstanceStatus.Active or InstanceStatus.Draining))
        {
            throw ContainerInstanceErrors.TargetStatus(status);
        }
    }

    /// <summary>A deregistered instance keeps its INACTIVE status until it is re-registered.</summary>
    public static bool CanChangeState(ContainerInstance instance) => InstanceStatus.IsRegistered(instance.Status);

    /// <summary>The instance in the new status; the same instance (version unchanged) when it already has it.</summary>
    public static ContainerInstance SetStatus(ContainerInstance instance, string status) =>
        instance.Status == status ? instance : InstanceVersion.Bump(instance with { Status = status });

    /// <summary>The one place that reads how many tasks an instance still has: running plus pending, as the instance's own
    /// counters say.</summary>
    public static int ActiveTasks(ContainerInstance instance) => (instance.RunningTasksCount ?? 0) + (instance.PendingTasksCount ?? 0);

    /// <summary>Without force, ECS refuses to deregister an instance that still has tasks; with force the tasks are left
    /// behind (services replace theirs elsewhere).</summary>
    public static ContainerInstance Deregister(ContainerInstance instance, bool force) =>
        force || ActiveTasks(instance) == 0
            ? InstanceVersion.Bump(instance with { Status = InstanceStatus.Inactive, AgentConnected = false })
            : throw ContainerInstanceErrors.HasTasks();
}
