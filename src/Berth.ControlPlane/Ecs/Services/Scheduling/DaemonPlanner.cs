using Berth.Aws.Generated.Ecs;

namespace Berth.ControlPlane.Ecs.Services.Scheduling;

/// <summary>The tasks a DAEMON service stops and starts in one pass (ecs-semantics §4.1): one task of the PRIMARY deployment on
/// every ACTIVE instance. Tasks on DRAINING instances stop at once; an older deployment's task (or a second task on one
/// instance) stops while the lower bound holds (0 % by default), and the new task starts on an instance only once nothing of
/// the service is left on it, so the old task has freed its ports and resources.</summary>
internal static class DaemonPlanner
{
    /// <summary>The service's desired count is its number of ACTIVE instances.</summary>
    public static void CountDesired(ServicePassState pass)
    {
        var desired = pass.Situation.Instances.Count(i => i.Status == ContainerInstanceStatus.Active);
        if (pass.Service.Service.DesiredCount != desired)
        {
            pass.Service = pass.Service with { Service = pass.Service.Service with { DesiredCount = desired } };
        }
    }

    public static void Plan(ServicePassState pass, Deployment primary)
    {
        var service = pass.Service.Service;
        var active = pass.Situation.Instances.Where(i => i.Status == ContainerInstanceStatus.Active).Select(i => i.Arn).ToList();
        var bounds = DeploymentBounds.For(active.Count, service.DeploymentConfiguration, service.SchedulingStrategy);
        var frozen = primary.RolloutState == DeploymentRolloutState.Failed;
        TaskReplacement.StopUnneeded(pass, primary.Id!, frozen);
        foreach (var task in pass.Live.Where(pass.OnDrainingInstance).ToList())
        {
            pass.Stop(task, StopReasons.InstanceDraining);
        }

        var onActive = pass.Live.Where(t => active.Contains(t.ContainerInstanceArn)).ToList();
        IEnumerable<ServiceTask> old = frozen ? [] : onActive.Where(t => t.DeploymentId != primary.Id && !pass.IsProtected(t));
        var seconds = onActive.Where(t => t.DeploymentId == primary.Id)
            .GroupBy(t => t.ContainerInstanceArn)
            .SelectMany(g => g.OrderByDescending(pass.IsHealthy).ThenBy(t => t.CreatedAt).ThenBy(t => t.TaskArn, StringComparer.Ordinal).Skip(1))
            .Where(t => !pass.IsProtected(t));
        var heldBack = TaskReplacement.StopWithinLower(
            pass, old.Concat(seconds).Select(t => (t, StopReasons.ScalingActivity(primary.Id))), bounds.Lower);
        TaskReplacement.WakeWhenUnprotected(pass, onActive.Where(t => t.DeploymentId != primary.Id));

        var occupied = pass.Situation.Tasks.Where(TaskHealth.IsUnstopped).Select(t => t.ContainerInstanceArn).ToHashSet();
        var vacant = active.Where(i => !occupied.Contains(i)).ToList();
        var room = bounds.Upper - pass.Live.Count();
        var mayLaunch = TaskReplacement.MayLaunch(pass, primary, vacant.Count > 0 && room > 0);
        if (mayLaunch)
        {
            foreach (var instance in vacant.Take(room))
            {
                pass.Launch(primary.Id!, 1, instance);
            }
        }

        TaskReplacement.ReportIfBounded(pass, heldBack > 0 || vacant.Count > 0, mayLaunch);
    }
}
