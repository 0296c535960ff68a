using Berth.ControlPlane.Elb;
using TargetTypeEnum = Berth.Aws.Generated.Elbv2.TargetTypeEnum;

namespace Berth.ControlPlane.Ecs.Services.Scheduling;

/// <summary>The load balancer part of a pass (ecs-semantics §4.8), level-triggered like the rest: a RUNNING task's target not
/// in its group is registered; a draining task whose targets have all left their groups is handed to its agent to stop (and
/// a target it still serves is deregistered again, in case that call was lost); a task that went down without draining (it
/// crashed, or was stopped by StopTask) has its serving targets deregistered after the fact. While targets exist their health
/// is read again every <see cref="SchedulerSettings.TargetCheckInterval"/>: ELB health is read, not pushed.</summary>
internal static class TargetUpkeep
{
    public static void Apply(ServicePassState pass)
    {
        var liveTargets = pass.Live.SelectMany(t => t.Targets ?? []).Select(t => t.Target).OfType<TargetRef>().ToHashSet();
        var watching = false;
        foreach (var task in pass.Situation.Tasks.Where(t => t.Draining || t.Targets is { Count: > 0 }))
        {
            var targets = task.Targets ?? [];
            if (TaskHealth.IsLive(task) && !pass.StoppedNow(task))
            {
                watching = true;
                IEnumerable<TaskTarget> unlisted = TaskHealth.IsRunning(task) ? targets.Where(t => t.Target is not null && !t.IsListed) : [];
                foreach (var target in unlisted)
                {
                    pass.Register(new(target.TargetGroupArn, target.Target!));
                }
            }
            else if (task.Draining)
            {
                watching = true;
                DeregisterServing(pass, targets, _ => true, announce: false);
                if (!targets.Any(t => t.IsListed))
                {
                    pass.Handoff(task);
                }
            }
            else if (!pass.StoppedNow(task))
            {
                // A port the agent has since bound for a live task is that task's target now, not this one's.
                DeregisterServing(pass, targets, t => !liveTargets.Contains(t.Health!.Target), announce: true);
            }
        }

        if (watching)
        {
            pass.WakeAt(pass.Now + pass.Situation.Settings.TargetCheckInterval);
        }
    }

    private static void DeregisterServing(ServicePassState pass, IEnumerable<TaskTarget> targets, Func<TaskTarget, bool> mayGo, bool announce)
    {
        foreach (var target in targets.Where(t => t.IsServing && mayGo(t)))
        {
            pass.Deregister(new(target.TargetGroupArn, target.Health!.Target), announce);
        }
    }

    /// <summary>Whether the group names its targets by instance (bridge and host tasks) rather than by IP address.</summary>
    public static bool IsInstanceTarget(TaskTarget target) => target.TargetType == TargetTypeEnum.Instance;
}
