namespace Berth.Agent.Engine;

/// <summary>Task lastStatus from its containers, desired status and hooks, as ECS reports it; never moves backwards.</summary>
internal static class TaskStatusDerivation
{
    /// <summary>The task's status now; the greater of the current status and what the containers say, so it never moves back.</summary>
    /// <remarks>
    /// PENDING until every container is RUNNING or already finished, then RUNNING. Desired STOPPED: a task that reached
    /// RUNNING passes DEACTIVATING (when it has deactivation work not done yet) then STOPPING; one that never ran stays
    /// PENDING ("straight toward STOPPED", as ECS shows it). Every container stopped: DEPROVISIONING while teardown work
    /// is not done, then STOPPED.
    /// </remarks>
    public static TaskStatus Derive(TaskState task)
    {
        var current = task.KnownStatus;
        TaskStatus next;
        if (task.AllContainersStopped)
        {
            next = task.Spec.HasDeprovisioningWork && task.Deprovisioning != HookProgress.Done ? TaskStatus.Deprovisioning : TaskStatus.Stopped;
        }
        else if (task.DesiredStatus == DesiredStatus.Stopped)
        {
            next = current < TaskStatus.Running ? current
                : task.Spec.HasDeactivationWork && task.Deactivation != HookProgress.Done ? TaskStatus.Deactivating
                : TaskStatus.Stopping;
        }
        else
        {
            next = task.Containers.All(c => c.KnownStatus >= ContainerStatus.Running) ? TaskStatus.Running : TaskStatus.Pending;
        }
        return next > current ? next : current;
    }
}
