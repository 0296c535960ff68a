using Berth.Aws.Generated.Ecs;

namespace Berth.ControlPlane.Ecs.Services;

/// <summary>Rolling a service back to its last COMPLETED deployment, for StopServiceDeployment and the circuit breaker alike,
/// so the rollback's service deployment shows the ROLLBACK_ statuses either way.</summary>
public static class ServiceRollbacks
{
    public const string StoppedReason = "Service deployment rolled back because it was stopped with StopServiceDeployment.";

    /// <summary>The service with a new PRIMARY deployment of <see cref="StoredService.LastCompleted"/>, recorded as a rollback
    /// for <paramref name="reason"/>; the caller checks there is one to return to.</summary>
    public static StoredService Start(StoredService service, string reason, string id, DateTimeOffset now)
    {
        var target = service.LastCompleted ?? throw new InvalidOperationException("A rollback needs a completed deployment to return to.");
        var started = ServiceRollout.StartDeployment(service, target, id, now);
        var current = (started.Service.Deployments ?? []).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        return started with
        {
            Rollbacks = [.. (service.Rollbacks ?? []).Where(r => current.Contains(r.DeploymentId)), new ServiceRollbackStart(id, reason)],
        };
    }

    /// <summary>The deployment as StopServiceDeployment leaves it: FAILED, so it launches nothing more while the rollback
    /// replaces its tasks.</summary>
    public static Deployment Stopped(Deployment deployment, string rollbackTargetId, DateTimeOffset now) => deployment with
    {
        RolloutState = DeploymentRolloutState.Failed,
        RolloutStateReason = $"ECS deployment {deployment.Id} stopped: rolling back to deploymentId {rollbackTargetId}.",
        UpdatedAt = now,
    };
}
