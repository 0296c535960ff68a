using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Attributes;
using Berth.Domain;
using EcsTask = Berth.Aws.Generated.Ecs.Task;

namespace Berth.ControlPlane.Ecs.Tasks;

/// <summary>Builds the task document RunTask stores from the definition with its overrides applied: placed at commit, so it starts PENDING (PROVISIONING is skipped).</summary>
public static class TaskFactory
{
    /// <summary>What RunTask's caller chose for every task of the call.</summary>
    public sealed record Launch(string LaunchType, string Group, string? StartedBy, List<Tag> Tags, TaskOverride Overrides, DateTimeOffset CreatedAt);

    /// <param name="gpuIds">The instance's GPU ids given to this task, handed to its containers in order of their requests.</param>
    public static EcsTask Create(
        ResourceScope scope, string cluster, string taskId, TaskDefinition definition, ContainerInstance instance, Launch launch, Func<string> newUuid,
        IReadOnlyList<string> gpuIds)
    {
        var gpus = new Queue<string>(gpuIds);
        return new()
        {
            TaskArn = EcsArns.Task(scope, cluster, taskId),
            ClusterArn = EcsArns.Cluster(scope, cluster),
            TaskDefinitionArn = definition.TaskDefinitionArn,
            ContainerInstanceArn = instance.ContainerInstanceArn,
            LastStatus = DesiredStatus.Pending,
            DesiredStatus = DesiredStatus.Running,
            LaunchType = launch.LaunchType,
            Cpu = definition.Cpu,
            Memory = definition.Memory,
            Containers = (definition.ContainerDefinitions ?? []).Select(c => new Container
            {
                ContainerArn = EcsArns.Container(scope, cluster, taskId, newUuid()),
                TaskArn = EcsArns.Task(scope, cluster, taskId),
                Name = c.Name,
                Image = c.Image,
                LastStatus = DesiredStatus.Pending,
                Cpu = (c.Cpu ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Memory = c.Memory?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                MemoryReservation = c.MemoryReservation?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                NetworkBindings = [],
                NetworkInterfaces = [],
                GpuIds = Enumerable.Range(0, TaskReservation.GpusOf(c)).Select(_ => gpus.Dequeue()).ToList() is { Count: > 0 } given ? given : null,
            }).ToList(),
            Overrides = launch.Overrides,
            Group = launch.Group,
            StartedBy = launch.StartedBy,
            Tags = launch.Tags,
            CreatedAt = launch.CreatedAt,
            Version = 1,
            Attachments = [],
            AvailabilityZone = instance.Attributes?.FirstOrDefault(a => a.Name == BuiltInAttributes.AvailabilityZone)?.Value,
        };
    }
}
