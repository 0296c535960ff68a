using System.Collections.Immutable;

namespace Berth.Agent.Tasks;

/// <summary>A container's reportable state changed: what SubmitContainerStateChange carries. Statuses are ECS wire strings.</summary>
public sealed record ContainerStatusReport
{
    public required string TaskArn { get; init; }

    public string? Cluster { get; init; }

    /// <summary>Per task, increasing over task and container reports, so a replayed report is recognized.</summary>
    public required long Sequence { get; init; }

    /// <summary>The container's name in the task definition.</summary>
    public required string ContainerName { get; init; }

    /// <summary>The Docker container id, once created.</summary>
    public string? RuntimeId { get; init; }

    /// <summary>PENDING, RUNNING or STOPPED.</summary>
    public required string Status { get; init; }

    public int? ExitCode { get; init; }

    /// <summary>"ErrorName: message" when it stopped abnormally or never ran.</summary>
    public string? Reason { get; init; }

    /// <summary>UNKNOWN, HEALTHY or UNHEALTHY.</summary>
    public required string HealthStatus { get; init; }

    /// <summary>Published ports as read back after the start (dynamic host ports resolved); empty before.</summary>
    public ImmutableArray<NetworkBinding> NetworkBindings { get; init; } = [];
}
