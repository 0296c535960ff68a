using Berth.Aws.Generated.Ecs;

namespace Berth.ControlPlane.Ecs.Services.Scheduling;

/// <summary>The end of a pass: counts recomputed from the tasks (never incremented), older deployments with no task left
/// dropped, the PRIMARY deployment COMPLETED once it alone serves the desired count with healthy tasks (none of them on a
/// DRAINING instance), "has reached a steady
/// state." while that holds (again every 6 hours), and a deleted service INACTIVE once all its tasks have STOPPED.</summary>
internal static class DeploymentProgress
{
    public static void Apply(ServicePassState pass)
    {
        var live = pass.Live.ToList();
        var draining = pass.Service.Service.Status == ServiceStatus.Draining;
        var desired = draining ? 0 : pass.Service.Service.DesiredCount ?? 0;
        var before = pass.Service.Service.Deployments ?? [];
        var after = before
            .Where(d => d.Status == ServiceRollout.Primary || pass.Situation.Tasks.Any(t => t.DeploymentId == d.Id && TaskHealth.IsUnstopped(t)))
            .Select(d => Counted(d, live, desired, pass.Now))
            .ToList();
        pass.Service = pass.Service with
        {
            Service = pass.Service.Service with
            {
                DesiredCount = desired,
                RunningCount = live.Count(TaskHealth.IsRunning),
                PendingCount = live.Count(TaskHealth.IsPending),
                Deployments = after.SequenceEqual(before) ? pass.Service.Service.Deployments : after,
            },
        };

        if (draining)
        {
            Deactivate(pass);
        }
        else if (after is [{ Status: ServiceRollout.Primary } primary] && !pass.DecidedAnything && live.Count == desired
            && live.All(t => pass.IsHealthy(t) && !pass.OnDrainingInstance(t)))
        {
            Steady(pass, primary);
        }
    }

    private static Deployment Counted(Deployment deployment, List<ServiceTask> live, int desired, DateTimeOffset now)
    {
        var own = live.Where(t => t.DeploymentId == deployment.Id).ToList();
        var counted = deployment with
        {
            DesiredCount = deployment.Status == ServiceRollout.Primary ? desired : deployment.DesiredCount,
            RunningCount = own.Count(TaskHealth.IsRunning),
            PendingCount = own.Count(TaskHealth.IsPending),
        };
        return counted.Equals(deployment) ? deployment : counted with { UpdatedAt = now };
    }

    private static void Steady(ServicePassState pass, Deployment primary)
    {
        if (primary.RolloutState == DeploymentRolloutState.InProgress)
        {
            var completed = primary with
            {
                RolloutState = DeploymentRolloutState.Completed,
                RolloutStateReason = $"ECS deployment {primary.Id} completed.",
                UpdatedAt = pass.Now,
            };
            pass.Replace(completed);
            pass.Service = pass.Service with { LastCompleted = completed };
            pass.Event(ServiceEventText.DeploymentCompleted(pass.Name, primary.Id!));
        }

        if (pass.Primary?.RolloutState == DeploymentRolloutState.Completed)
        {
            pass.Event(ServiceEventText.SteadyState(pass.Name));
            pass.WakeAt(pass.Service.Service.Events![0].CreatedAt + ServiceEvents.RepeatAfter);
        }
    }

    /// <summary>A deleted service turns INACTIVE once none of its tasks is left running or stopping.</summary>
    private static void Deactivate(ServicePassState pass)
    {
        if (!pass.Situation.Tasks.Any(TaskHealth.IsUnstopped))
        {
            pass.Service = pass.Service with { Service = pass.Service.Service with { Status = ServiceStatus.Inactive } };
        }
    }
}
