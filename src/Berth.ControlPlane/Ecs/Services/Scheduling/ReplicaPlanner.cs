using Berth.Aws.Generated.Ecs;

namespace Berth.ControlPlane.Ecs.Services.Scheduling;

/// <summary>The tasks a REPLICA service stops and starts in one pass (ecs-semantics §4.2, §4.6, §3.10): what needs no bound goes
/// first; then healthy tasks on DRAINING instances, of older deployments and beyond the desired count go while the lower bound
/// holds; then the PRIMARY deployment starts what it lacks up to the upper bound, counting what this pass stopped.</summary>
/// <example>desired 4, 50/100 (lower 2, upper 4), four old healthy tasks: stop 2 old and start 2 new; once those are
/// healthy, stop the other 2 old and start 2 more.</example>
internal static class ReplicaPlanner
{
    public static void Plan(ServicePassState pass, Deployment primary)
    {
        var service = pass.Service.Service;
        var desired = service.DesiredCount ?? 0;
        var bounds = DeploymentBounds.For(desired, service.DeploymentConfiguration, service.SchedulingStrategy);
        var frozen = primary.RolloutState == DeploymentRolloutState.Failed;
        TaskReplacement.StopUnneeded(pass, primary.Id!, frozen);

        var live = pass.Live.ToList();
        var draining = live.Where(pass.OnDrainingInstance).ToList();
        var kept = live.Where(t => t.DeploymentId == primary.Id).Except(draining).ToList();
        List<ServiceTask> old = frozen ? [] : live.Where(t => t.DeploymentId != primary.Id).Except(draining).ToList();
        var extras = ScaleInOrder.Order(kept.Where(t => !pass.IsProtected(t)), live, primary.Id).Take(kept.Count - desired);
        var leaving = draining.Select(t => (t, StopReasons.InstanceDraining))
            .Concat(ScaleInOrder.Order(old.Where(t => !pass.IsProtected(t)), live, primary.Id).Concat(extras)
                .Select(t => (t, StopReasons.ScalingActivity(primary.Id))));
        var heldBack = TaskReplacement.StopWithinLower(pass, leaving, bounds.Lower);

        var protectedKept = kept.Count(pass.IsProtected);
        if (protectedKept > desired)
        {
            pass.Event(ServiceEventText.ProtectedTasksBlockScaleIn(pass.Name, primary.Id!));
        }

        TaskReplacement.WakeWhenUnprotected(pass, old.Concat(kept.Count > desired ? kept : []));

        var missing = desired - pass.Live.Count(t => t.DeploymentId == primary.Id && !draining.Contains(t));
        var room = bounds.Upper - pass.Live.Count();
        var wanted = Math.Min(missing, room);
        var mayLaunch = TaskReplacement.MayLaunch(pass, primary, wanted > 0);
        if (mayLaunch)
        {
            pass.Launch(primary.Id!, wanted);
        }

        TaskReplacement.ReportIfBounded(pass, heldBack > 0 || missing > 0, mayLaunch);
    }
}
