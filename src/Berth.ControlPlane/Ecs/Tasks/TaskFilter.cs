using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.ContainerInstances;
using Berth.Domain;
using EcsTask = Berth.Aws.Generated.Ecs.Task;

namespace Berth.ControlPlane.Ecs.Tasks;

/// <summary>ListTasks' filters, resolved once per request into what a stored task must match.</summary>
public sealed record TaskFilter(
    string DesiredStatus, string? ContainerInstanceArn, string? Family, string? StartedBy, string? Group, string? LaunchType)
{
    public static TaskFilter Of(ResourceScope scope, string cluster, ListTasksRequest request) => new(
        request.DesiredStatus ?? Aws.Generated.Ecs.DesiredStatus.Running,
        request.ContainerInstance is { Length: > 0 } instance ? ContainerInstanceResolver.ArnOf(scope, cluster, instance) : null,
        request.Family,
        request.StartedBy,
        request.ServiceName is { Length: > 0 } service ? Services.ServiceTaskGroup.Of(service) : null,
        request.LaunchType);

    public bool Matches(EcsTask task) =>
        task.DesiredStatus == DesiredStatus
        && (ContainerInstanceArn is null || task.ContainerInstanceArn == ContainerInstanceArn)
        && (Family is null || FamilyOf(task.TaskDefinitionArn) == Family)
        && (StartedBy is null || task.StartedBy == StartedBy)
        && (Group is null || task.Group == Group)
        && (LaunchType is null || task.LaunchType == LaunchType);

    /// <summary>The family of a task definition ARN (<c>task-definition/family:revision</c>).</summary>
    private static string? FamilyOf(string? taskDefinitionArn) =>
        Arn.TryParse(taskDefinitionArn, out var arn) && arn.ResourceId.LastIndexOf(':') is var colon and > 0 ? arn.ResourceId[..colon] : null;
}
