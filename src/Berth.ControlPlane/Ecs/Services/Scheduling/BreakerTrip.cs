using Berth.Aws.Generated.Ecs;

namespace Berth.ControlPlane.Ecs.Services.Scheduling;

/// <summary>The circuit breaker's part of a pass (ecs-semantics §4.3): the PRIMARY deployment's failedTasks brought up to date,
/// and at the threshold the deployment FAILED and, with rollback and a deployment that once completed, a new PRIMARY
/// deployment of that one's configuration.</summary>
internal static class BreakerTrip
{
    public const string FailedToStart = "ECS deployment circuit breaker: task failed to start.";
    public const string FailedHealthChecks = "ECS deployment circuit breaker: task failed health checks.";

    public static string RollingBackReason(string? deploymentId) => $"ECS deployment circuit breaker: rolling back to deploymentId {deploymentId}.";

    public static void Apply(ServicePassState pass, Deployment primary)
    {
        var service = pass.Service.Service;
        var failures = CircuitBreaker.Failures(primary.Id!, pass.Situation.Tasks, pass.Now, pass.Situation.Settings);
        var counted = primary with { FailedTasks = failures.Count };
        if (primary.RolloutState != DeploymentRolloutState.InProgress || !CircuitBreaker.Enabled(service)
            || failures.Count < CircuitBreaker.Threshold(service.DesiredCount ?? 0))
        {
            pass.Replace(counted);
            return;
        }

        pass.Replace(counted with
        {
            RolloutState = DeploymentRolloutState.Failed,
            RolloutStateReason = failures.NewestFailedHealthChecks ? FailedHealthChecks : FailedToStart,
        });
        pass.Event(ServiceEventText.DeploymentFailed(pass.Name, primary.Id!, failures.NewestFailedHealthChecks));
        if (CircuitBreaker.RollsBack(service) && pass.Service.LastCompleted is { } target && target.Id != primary.Id)
        {
            RollBack(pass, target);
        }
    }

    private static void RollBack(ServicePassState pass, Deployment target)
    {
        var rolled = ServiceRollbacks.Start(pass.Service, RollingBackReason(target.Id), DeploymentIds.New(pass.Ids), pass.Now);
        pass.Service = rolled;
        pass.Replace(rolled.Service.Deployments![0] with { RolloutStateReason = RollingBackReason(target.Id) });
        pass.Event(ServiceEventText.RollingBack(pass.Name, target.Id!));
    }
}
