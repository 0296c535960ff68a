namespace Berth.ControlPlane.Ecs.Services.Scheduling;

/// <summary>The service scheduler's decision for one pass: pure (the time and ids come in with the call), so the deployment
/// rules are tested without a store or a clock. In order: a deleted service stops everything; otherwise the circuit breaker
/// may fail the PRIMARY deployment and roll back, then the REPLICA or DAEMON planner stops and starts tasks within the
/// deployment bounds, targets are registered and drained tasks handed to their agents, and last the counts, deployment list,
/// completion and steady state are brought up to date.</summary>
public static class ServiceStep
{
    public static ServiceDecision Decide(ServiceSituation situation, IIdSource ids)
    {
        if (situation.Service.Service.Status == ServiceStatus.Inactive)
        {
            return ServiceDecision.Nothing(situation.Service);
        }

        var pass = new ServicePassState(situation, ids);
        if (situation.Service.Service.Status == ServiceStatus.Draining)
        {
            StopAll(pass);
        }
        else
        {
            Schedule(pass);
        }

        TargetUpkeep.Apply(pass);
        pass.RecordStops();
        DeploymentProgress.Apply(pass);
        var grace = TaskHealth.GracePeriod(pass.Service.Service);
        foreach (var task in pass.Live)
        {
            pass.WakeAt(TaskHealth.ChangesAt(task, situation.Settings, grace));
        }

        return pass.Decision();
    }

    private static void Schedule(ServicePassState pass)
    {
        var daemon = pass.Service.Service.SchedulingStrategy == Berth.Aws.Generated.Ecs.SchedulingStrategy.Daemon;
        if (daemon)
        {
            DaemonPlanner.CountDesired(pass);
        }

        if (pass.Primary is not { } primary)
        {
            return;
        }

        BreakerTrip.Apply(pass, primary);
        primary = pass.Primary!;
        if (daemon)
        {
            DaemonPlanner.Plan(pass, primary);
        }
        else
        {
            ReplicaPlanner.Plan(pass, primary);
        }
    }

    /// <summary>A deleted (DRAINING) service: every task still wanted RUNNING is stopped, protected or not.</summary>
    private static void StopAll(ServicePassState pass)
    {
        foreach (var task in pass.Live.ToList())
        {
            pass.Stop(task, StopReasons.ScalingActivity(pass.Primary?.Id));
        }
    }
}
