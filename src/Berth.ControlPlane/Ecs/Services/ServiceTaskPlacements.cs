using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Attributes;
using Berth.ControlPlane.Ecs.Services.Scheduling;
using Berth.ControlPlane.Ecs.TaskDefinitions;
using Berth.ControlPlane.Ecs.Tasks;
using Berth.ControlPlane.Placement;
using Berth.ControlPlane.Placement.Engine;
using TaskFactory = Berth.ControlPlane.Ecs.Tasks.TaskFactory;

namespace Berth.ControlPlane.Ecs.Services;

/// <summary>What a scheduler launch asks the placer for: tasks of the deployment's definition and launch type, in the
/// service's task group, started by the deployment, placed by the service's rules, tagged as the service says.</summary>
public static class ServiceTaskPlacements
{
    public const string ManagedServiceNameTag = "aws:ecs:serviceName";
    public const string ManagedClusterNameTag = "aws:ecs:clusterName";

    /// <summary>ECS's default for services without a strategy: balance the availability zones (ecs-semantics §4.6).</summary>
    public static readonly PlacementStrategy DefaultStrategy = new() { Type = "spread", Field = "attribute:" + BuiltInAttributes.AvailabilityZone };

    /// <summary>A DAEMON launch names its instance and keeps the service's constraints but no strategy (there is no choice to make).</summary>
    public static TaskPlacement For(
        string cluster, Service service, Deployment deployment, StoredTaskDefinition definition, TaskLaunch launch, DateTimeOffset now)
    {
        var strategies = launch.ContainerInstanceArn is not null ? null
            : service.PlacementStrategy is { Count: > 0 } own ? own
            : [DefaultStrategy];
        var rules = PlacementRulesReader.Read(definition.Definition.PlacementConstraints, service.PlacementConstraints, strategies);
        var taskLaunch = new TaskFactory.Launch(
            deployment.LaunchType ?? service.LaunchType ?? LaunchType.Ec2,
            ServiceTaskGroup.Of(service.ServiceName!),
            deployment.Id,
            Tags(cluster, service, definition),
            TaskOverrides.Echo(null),
            now);
        return new TaskPlacement(cluster, launch.ContainerInstanceArn, definition.Definition, taskLaunch, rules, launch.Count);
    }

    /// <summary>propagateTags SERVICE copies the service's tags, TASK_DEFINITION the definition's; enableECSManagedTags adds
    /// the service and cluster names.</summary>
    public static List<Tag> Tags(string cluster, Service service, StoredTaskDefinition definition)
    {
        List<Tag> tags = service.PropagateTags switch
        {
            PropagateTags.Service => [.. service.Tags ?? []],
            PropagateTags.TaskDefinition => [.. definition.Tags],
            _ => [],
        };
        if (service.EnableECSManagedTags == true)
        {
            tags.Add(new Tag { Key = ManagedServiceNameTag, Value = service.ServiceName });
            tags.Add(new Tag { Key = ManagedClusterNameTag, Value = cluster });
        }

        return tags;
    }

    /// <summary>The instance that passed the most placement checks among those that refused, as ECS names it in the
    /// "unable to place" event (its id, the last segment of its ARN), with its reason; null when none refused.</summary>
    public static (string InstanceId, string Reason)? Closest(IEnumerable<Failure> refusals) =>
        refusals
            .Where(f => f.Arn is not null && f.Reason is not null)
            .OrderByDescending(f => PlacementReasons.ChecksPassed(f.Reason!))
            .Select(f => ((string InstanceId, string Reason)?)(f.Arn!.Split('/')[^1], f.Reason!))
            .FirstOrDefault();
}
