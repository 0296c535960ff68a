using Berth.Aws.Generated.Ecs;
using Berth.Domain;

namespace Berth.ControlPlane.Ecs.Services;

/// <summary>The ServiceDeployment and ServiceRevision documents of a service's deployment, derived from its entry in the
/// service's <c>deployments[]</c> alone, so that comparing the derivations before and after a change says what to write.</summary>
/// <remarks>Statuses: a PRIMARY deployment IN_PROGRESS is IN_PROGRESS; COMPLETED is SUCCESSFUL; FAILED, or one replaced by a
/// newer deployment before it completed, is STOPPED. A deployment started as a rollback shows the ROLLBACK_ forms of those
/// (ROLLBACK_IN_PROGRESS, ROLLBACK_SUCCESSFUL, ROLLBACK_FAILED) and a <c>rollback</c> member.</remarks>
public static class ServiceDeploymentRecords
{
    /// <summary>Why a deployment replaced before it completed shows STOPPED.</summary>
    public const string Superseded = "A newer deployment of the service replaced this one before it completed.";

    /// <summary>The id of a deployment's documents and ARNs: the digits of <c>ecs-svc/…</c>.</summary>
    public static string IdOf(string deploymentId) =>
        deploymentId.StartsWith(DeploymentIds.Prefix, StringComparison.Ordinal) ? deploymentId[DeploymentIds.Prefix.Length..] : deploymentId;

    public static ServiceDeployment Deployment(ResourceScope scope, StoredService service, Deployment deployment)
    {
        var (cluster, name) = ServiceWrites.KeyOf(service);
        var id = IdOf(deployment.Id!);
        var rollback = service.Rollbacks?.FirstOrDefault(r => r.DeploymentId == deployment.Id);
        var status = Status(deployment, rollback is not null);
        var ended = status is not (ServiceDeploymentStatus.InProgress or ServiceDeploymentStatus.RollbackInProgress);
        var stopped = status is ServiceDeploymentStatus.Stopped or ServiceDeploymentStatus.RollbackFailed;
        var revisionArn = EcsArns.ServiceRevision(scope, cluster, name, id);
        var configuration = service.Service.DeploymentConfiguration;
        return new ServiceDeployment
        {
            ServiceDeploymentArn = EcsArns.ServiceDeployment(scope, cluster, name, id),
            ServiceArn = service.Service.ServiceArn,
            ClusterArn = service.Service.ClusterArn,
            CreatedAt = deployment.CreatedAt,
            StartedAt = deployment.CreatedAt,
            UpdatedAt = deployment.UpdatedAt,
            FinishedAt = ended ? deployment.UpdatedAt : null,
            StoppedAt = stopped ? deployment.UpdatedAt : null,
            TargetServiceRevision = new ServiceRevisionSummary
            {
                Arn = revisionArn,
                RequestedTaskCount = deployment.DesiredCount,
                RunningTaskCount = deployment.RunningCount,
                PendingTaskCount = deployment.PendingCount,
            },
            SourceServiceRevisions = SourcesOf(scope, service, deployment.Id!, cluster, name),
            Status = status,
            StatusReason = deployment.RolloutState == DeploymentRolloutState.InProgress && stopped ? Superseded : deployment.RolloutStateReason,
            DeploymentConfiguration = configuration,
            DeploymentCircuitBreaker = new ServiceDeploymentCircuitBreaker
            {
                Status = Breaker(configuration?.DeploymentCircuitBreaker?.Enable == true, deployment.RolloutState),
                FailureCount = deployment.FailedTasks,
            },
            Alarms = new ServiceDeploymentAlarms
            {
                Status = configuration?.Alarms?.Enable != true ? ServiceDeploymentRollbackMonitorsStatus.Disabled
                    : ended ? ServiceDeploymentRollbackMonitorsStatus.MonitoringComplete
                    : ServiceDeploymentRollbackMonitorsStatus.Monitoring,
                AlarmNames = configuration?.Alarms?.AlarmNames,
            },
            Rollback = rollback is null ? null : new Rollback { Reason = rollback.Reason, StartedAt = deployment.CreatedAt, ServiceRevisionArn = revisionArn },
        };
    }

    /// <summary>The revisions the deployment replaces, with the counts of their deployments while they are still listed
    /// (none once they have left the list); null for a service's first deployment.</summary>
    private static List<ServiceRevisionSummary>? SourcesOf(ResourceScope scope, StoredService service, string deploymentId, string cluster, string name)
    {
        var sources = service.Sources?.FirstOrDefault(s => s.DeploymentId == deploymentId)?.SourceIds;
        if (sources is not { Count: > 0 })
        {
            return null;
        }

        var listed = (service.Service.Deployments ?? []).ToDictionary(d => d.Id!, StringComparer.Ordinal);
        return sources.Select(id => new ServiceRevisionSummary
        {
            Arn = EcsArns.ServiceRevision(scope, cluster, name, IdOf(id)),
            RequestedTaskCount = listed.GetValueOrDefault(id)?.DesiredCount ?? 0,
            RunningTaskCount = listed.GetValueOrDefault(id)?.RunningCount ?? 0,
            PendingTaskCount = listed.GetValueOrDefault(id)?.PendingCount ?? 0,
        }).ToList();
    }

    /// <summary>The configuration the deployment rolls out.</summary>
    public static ServiceRevision Revision(ResourceScope scope, StoredService service, Deployment deployment)
    {
        var (cluster, name) = ServiceWrites.KeyOf(service);
        return new ServiceRevision
        {
            ServiceRevisionArn = EcsArns.ServiceRevision(scope, cluster, name, IdOf(deployment.Id!)),
            ServiceArn = service.Service.ServiceArn,
            ClusterArn = service.Service.ClusterArn,
            TaskDefinition = deployment.TaskDefinition,
            LaunchType = deployment.LaunchType,
            CapacityProviderStrategy = deployment.CapacityProviderStrategy,
            PlatformVersion = deployment.PlatformVersion,
            PlatformFamily = deployment.PlatformFamily,
            LoadBalancers = service.Service.LoadBalancers,
            ServiceRegistries = service.Service.ServiceRegistries,
            NetworkConfiguration = deployment.NetworkConfiguration,
            CreatedAt = deployment.CreatedAt,
        };
    }

    /// <summary>The brief form ListServiceDeployments answers.</summary>
    public static ServiceDeploymentBrief Brief(ServiceDeployment deployment) => new()
    {
        ServiceDeploymentArn = deployment.ServiceDeploymentArn,
        ServiceArn = deployment.ServiceArn,
        ClusterArn = deployment.ClusterArn,
        CreatedAt = deployment.CreatedAt,
        StartedAt = deployment.StartedAt,
        FinishedAt = deployment.FinishedAt,
        TargetServiceRevisionArn = deployment.TargetServiceRevision?.Arn,
        Status = deployment.Status,
        StatusReason = deployment.StatusReason,
    };

    /// <summary>The store key a service deployment or revision ARN of this account and region names, or null.</summary>
    public static string? KeyOf(ResourceScope scope, string identifier, string resourceType) =>
        Arn.TryParse(identifier, out var arn)
        && arn.Service == EcsArns.Service && arn.Account == scope.AccountId && arn.Region == scope.Region && arn.ResourceType == resourceType
        && arn.ResourceId.Split('/') is [{ Length: > 0 } cluster, { Length: > 0 } service, { Length: > 0 } id]
            ? EcsStore.ServiceDeploymentKey(cluster, service, id)
            : null;

    private static string Status(Deployment deployment, bool rollback) => (deployment.RolloutState, deployment.Status == ServiceRollout.Primary) switch
    {
        (DeploymentRolloutState.Completed, _) => rollback ? ServiceDeploymentStatus.RollbackSuccessful : ServiceDeploymentStatus.Successful,
        (DeploymentRolloutState.InProgress, true) => rollback ? ServiceDeploymentStatus.RollbackInProgress : ServiceDeploymentStatus.InProgress,
        _ => rollback ? ServiceDeploymentStatus.RollbackFailed : ServiceDeploymentStatus.Stopped,
    };

    private static string Breaker(bool enabled, string? rolloutState) => rolloutState switch
    {
        _ when !enabled => ServiceDeploymentRollbackMonitorsStatus.Disabled,
        DeploymentRolloutState.Failed => ServiceDeploymentRollbackMonitorsStatus.Triggered,
        DeploymentRolloutState.Completed => ServiceDeploymentRollbackMonitorsStatus.MonitoringComplete,
        _ => ServiceDeploymentRollbackMonitorsStatus.Monitoring,
    };
}
