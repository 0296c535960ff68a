using Berth.Aws.Generated.Ecs;

namespace Berth.ControlPlane.Ecs.Services;

/// <summary>Starting a deployment, shared by the API (create, update, StopServiceDeployment) and the circuit breaker's rollback.</summary>
public static class ServiceRollout
{
    public const string Primary = "PRIMARY";
    public const string Active = "ACTIVE";

    /// <summary>The service with a new PRIMARY deployment of <paramref name="spec"/> (its task definition, launch type and network
    /// configuration) for the service's desired count; the previous PRIMARY becomes ACTIVE and is scaled down by the scheduler.</summary>
    public static StoredService StartDeployment(StoredService service, Deployment spec, string id, DateTimeOffset now)
    {
        var deployment = spec with
        {
            Id = id,
            Status = Primary,
            DesiredCount = service.Service.DesiredCount ?? 0,
            PendingCount = 0,
            RunningCount = 0,
            FailedTasks = 0,
            CreatedAt = now,
            UpdatedAt = now,
            RolloutState = DeploymentRolloutState.InProgress,
            RolloutStateReason = $"ECS deployment {id} in progress.",
        };
        var older = (service.Service.Deployments ?? []).Select(d => d.Status == Primary ? d with { Status = Active, UpdatedAt = now } : d);
        return service with
        {
            Service = service.Service with { TaskDefinition = spec.TaskDefinition, Deployments = [deployment, .. older] },
        };
    }
}
