using Berth.Aws.Generated.Ecs;
using Berth.Domain;

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
        var older = (service.Service.Deployments ?? []).Select(d => d.Status == Primary ? d with { Status = Active, UpdatedAt = now } : d).ToList();
        var listed = older.Select(d => d.Id!).ToHashSet(StringComparer.Ordinal);
        return service with
        {
            Service = service.Service with
            {
                TaskDefinition = spec.TaskDefinition,
                Deployments = [deployment, .. older],
                CurrentServiceDeployment = ServiceDeploymentArn(service, id),
            },
            Sources = [new(id, [.. listed]), .. (service.Sources ?? []).Where(s => listed.Contains(s.DeploymentId))],
        };
    }

    /// <summary>The ARN of the service deployment of <paramref name="deploymentId"/>, in the service's own account and region
    /// (none for a service without an ARN, which only the scheduler's table tests build).</summary>
    private static string? ServiceDeploymentArn(StoredService service, string deploymentId)
    {
        if (!Arn.TryParse(service.Service.ServiceArn, out var arn))
        {
            return null;
        }

        var (cluster, name) = ServiceWrites.KeyOf(service);
        return EcsArns.ServiceDeployment(new ResourceScope(arn.Account, arn.Region), cluster, name, ServiceDeploymentRecords.IdOf(deploymentId));
    }
}
