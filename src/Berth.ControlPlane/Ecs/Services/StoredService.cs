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
}
