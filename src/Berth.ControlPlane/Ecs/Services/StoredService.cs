using Berth.Aws.Generated.Ecs;

namespace Berth.ControlPlane.Ecs.Services;

/// <summary>A service as stored: its API shape (PRIMARY and ACTIVE deployments and the newest events included) and what the
/// scheduler keeps that the API does not show.</summary>
public sealed record StoredService
{
    public required Service Service { get; init; }

    /// <summary>The last deployment that reached COMPLETED, kept after it leaves the list: what a circuit-breaker rollback or
    /// StopServiceDeployment returns to.</summary>
    public Deployment? LastCompleted { get; init; }

    /// <summary>The SHA-256 of the CreateService request that created the service, so a repeat with the same parameters
    /// answers the service again and one with other parameters is refused as not idempotent.</summary>
    public string? CreateFingerprint { get; init; }

    /// <summary>The deployments in the list that were started to roll back (by StopServiceDeployment or the circuit breaker),
    /// whose service deployments show ROLLBACK_* statuses.</summary>
    public List<ServiceRollbackStart>? Rollbacks { get; init; }

    /// <summary>For each deployment in the list, the deployments it replaced when it started: its service deployment's
    /// sourceServiceRevisions.</summary>
    public List<ServiceDeploymentSources>? Sources { get; init; }
}

/// <summary>The deployments that were in the list when <paramref name="DeploymentId"/> started.</summary>
public sealed record ServiceDeploymentSources(string DeploymentId, List<string> SourceIds);

/// <summary>A deployment started as a rollback, and why.</summary>
public sealed record ServiceRollbackStart(string DeploymentId, string Reason);
