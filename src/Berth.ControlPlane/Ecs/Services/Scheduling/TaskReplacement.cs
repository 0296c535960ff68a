using Berth.Aws.Generated.Ecs;

namespace Berth.ControlPlane.Ecs.Services.Scheduling;

/// <summary>The moves REPLICA and DAEMON services share: stopping what needs no bound, stopping healthy tasks only while the
/// lower bound holds, launching only when neither a failed deployment nor the launch throttle forbids it, and saying so when
/// the bounds leave a deployment stuck.</summary>
internal static class TaskReplacement
{
    /// <summary>Stops the live tasks whose stop cannot cost a serving task: pending ones on DRAINING instances, ones failing
    /// their container or ELB health checks, and (unless the rollout is frozen by a failed deployment) unprotected pending ones of older
    /// deployments. A RUNNING task still waiting to count as healthy is left to <see cref="StopWithinLower"/>: it may be
    /// serving already, so an update right after a create must not stop every task at once.</summary>
    public static void StopUnneeded(ServicePassState pass, string primaryId, bool frozen)
    {
        var grace = TaskHealth.GracePeriod(pass.Service.Service);
        foreach (var task in pass.Live.ToList())
        {
            if (TaskHealth.IsPending(task) && pass.OnDrainingInstance(task))
            {
                pass.Stop(task, StopReasons.InstanceDraining);
            }
            else if (TaskHealth.IsFailingHealthChecks(task, pass.Now, grace))
            {
                pass.Stop(task, StopReasons.FailedHealthChecks);
                pass.Event(ServiceEventText.FailedHealthChecks(pass.Name, TaskId(task)));
            }
            else if (TaskHealth.FailingTarget(task, pass.Now, grace) is { Health: { } health } failing)
            {
                pass.Stop(task, StopReasons.FailedElbHealthChecks(failing.TargetGroupArn));
                pass.Event(ServiceEventText.UnhealthyTarget(
                    pass.Name, TaskId(task), failing.TargetGroupArn, health.Target, TargetUpkeep.IsInstanceTarget(failing), health.Description));
            }
            else if (!frozen && task.DeploymentId != primaryId && TaskHealth.IsPending(task) && !pass.IsProtected(task))
            {
                pass.Stop(task, StopReasons.ScalingActivity(primaryId));
            }
        }
    }

    /// <summary>Stops <paramref name="candidates"/> in order: a pending one freely, a healthy one only while the healthy tasks
    /// left stay at or above <paramref name="lower"/>, and a RUNNING one not yet healthy only once the healthy tasks already
    /// reach <paramref name="lower"/> without it; returns how many were held back by that bound.</summary>
    public static int StopWithinLower(ServicePassState pass, IEnumerable<(ServiceTask Task, string Reason)> candidates, int lower)
    {
        var spare = pass.Live.Count(pass.IsHealthy) - lower;
        var heldBack = 0;
        foreach (var (task, reason) in candidates.ToList())
        {
            if (TaskHealth.IsPending(task) || (!pass.IsHealthy(task) && spare >= 0))
            {
                pass.Stop(task, reason);
            }
            else if (pass.IsHealthy(task) && spare > 0)
            {
                pass.Stop(task, reason);
                spare--;
            }
            else
            {
                heldBack++;
            }
        }

        return heldBack;
    }

    /// <summary>Whether the PRIMARY deployment may launch the tasks it <paramref name="wants"/> now: not when FAILED, nor while
    /// waiting out the launch throttle (announced once per run of failures; the scheduler wakes when it lifts).</summary>
    public static bool MayLaunch(ServicePassState pass, Deployment primary, bool wants)
    {
        if (primary.RolloutState == DeploymentRolloutState.Failed)
        {
            return false;
        }

        if (!wants || LaunchThrottle.Of(primary.Id!, pass.Situation.Tasks) is not { } failed || failed.LiftsAt <= pass.Now)
        {
            return true;
        }

        var message = ServiceEventText.UnableToStartConsistently(pass.Name);
        if (!(pass.Service.Service.Events ?? []).Any(e => e.Message == message && e.CreatedAt >= failed.Since))
        {
            pass.Event(message);
        }

        pass.WakeAt(failed.LiftsAt);
        return false;
    }

    /// <summary>Emits ECS's "unable to stop or start tasks" event when work is left, nothing was decided, nothing is on its
    /// way (every live task healthy) and only the bounds stand in the way.</summary>
    public static void ReportIfBounded(ServicePassState pass, bool workLeft, bool mayLaunch)
    {
        if (workLeft && mayLaunch && !pass.DecidedAnything && pass.Live.All(pass.IsHealthy))
        {
            pass.Event(ServiceEventText.BoundedByConfiguration(pass.Name));
        }
    }

    /// <summary>Wakes the scheduler when the first of these protected tasks loses its protection.</summary>
    public static void WakeWhenUnprotected(ServicePassState pass, IEnumerable<ServiceTask> tasks) =>
        pass.WakeAt(tasks.Where(pass.IsProtected).Select(t => t.ProtectedUntil).Min());

    public static string TaskId(ServiceTask task) => task.TaskArn[(task.TaskArn.LastIndexOf('/') + 1)..];
}
