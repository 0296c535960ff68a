using Berth.Aws.Generated.Ecs;

namespace Berth.ControlPlane.Ecs.Tasks;

/// <summary>One progress report from an agent, whichever call carried it: SubmitContainerStateChange is a report with one
/// container and no task status, so both calls go through the same rules.</summary>
public sealed record TaskStateReport(
    string? Status,
    string? Reason,
    IReadOnlyList<ContainerStateChange> Containers,
    DateTimeOffset? PullStartedAt = null,
    DateTimeOffset? PullStoppedAt = null,
    DateTimeOffset? ExecutionStoppedAt = null)
{
    public static TaskStateReport Of(SubmitTaskStateChangeRequest request) => new(
        request.Status, request.Reason, request.Containers ?? [], request.PullStartedAt, request.PullStoppedAt, request.ExecutionStoppedAt);

    public static TaskStateReport Of(SubmitContainerStateChangeRequest request) => new(
        null,
        null,
        [
            new ContainerStateChange
            {
                ContainerName = request.ContainerName,
                RuntimeId = request.RuntimeId,
                Status = request.Status,
                ExitCode = request.ExitCode,
                Reason = request.Reason,
                NetworkBindings = request.NetworkBindings,
            },
        ]);
}
