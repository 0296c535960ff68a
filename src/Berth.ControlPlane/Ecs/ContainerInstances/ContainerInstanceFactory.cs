using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Attributes;
using Berth.ControlPlane.Ecs.Tagging;
using Berth.Domain;
using Attribute = Berth.Aws.Generated.Ecs.Attribute;

namespace Berth.ControlPlane.Ecs.ContainerInstances;

/// <summary>Builds the container instance a registration makes, or remakes on re-registration.</summary>
public static class ContainerInstanceFactory
{
    private const int Ec2IdDigits = 17;

    /// <summary>Tasks reserve nothing yet: the task issue passes the instance's task reservations to
    /// <see cref="RemainingResources.Of"/> here.</summary>
    private static readonly IReadOnlyList<IReadOnlyList<Resource>> NoReservations = [];

    public static ContainerInstance Create(ResourceScope scope, string cluster, string id, InstanceRegistration registration, DateTimeOffset now) => new()
    {
        ContainerInstanceArn = EcsArns.ContainerInstance(scope, cluster, id),
        Ec2InstanceId = Ec2InstanceIdOf(id),
        Version = InstanceVersion.First,
        VersionInfo = registration.VersionInfo ?? new VersionInfo(),
        RegisteredResources = registration.Resources,
        RemainingResources = RemainingResources.Of(registration.Resources, NoReservations),
        Status = InstanceStatus.Active,
        AgentConnected = false,
        RunningTasksCount = 0,
        PendingTasksCount = 0,
        Attributes = WithBuiltIns(registration.Attributes, scope.Region),
        RegisteredAt = now,
        Attachments = [],
        Tags = registration.Tags,
    };

    /// <summary>An agent re-registers with the ARN it saved: the instance keeps its identity and its custom attributes, takes
    /// the new resources, version info and built-in attributes (the agent reports its capabilities anew), and merges the
    /// tags. A deregistered (INACTIVE) instance comes back ACTIVE with a new registeredAt; a DRAINING one stays DRAINING,
    /// because draining is the operator's decision and an agent restart must not undo it.</summary>
    public static ContainerInstance Reregister(ContainerInstance existing, InstanceRegistration registration, string region, DateTimeOffset now)
    {
        var wasRegistered = InstanceStatus.IsRegistered(existing.Status);
        var custom = (existing.Attributes ?? []).Where(a => !AttributeRules.IsBuiltIn(a.Name!)).ToList();
        return InstanceVersion.Bump(existing with
        {
            Status = wasRegistered ? existing.Status : InstanceStatus.Active,
            RegisteredAt = wasRegistered ? existing.RegisteredAt : now,
            VersionInfo = registration.VersionInfo ?? existing.VersionInfo,
            RegisteredResources = registration.Resources,
            RemainingResources = RemainingResources.Of(
                registration.Resources, [RemainingResources.Held(existing.RegisteredResources, existing.RemainingResources)]),
            Attributes = WithBuiltIns(AttributeRules.Merge(custom, registration.Attributes), region),
            Tags = TagRules.Merge(existing.Tags, registration.Tags),
        });
    }

    /// <summary>Berth has no EC2, but clients, events and the cluster query language expect an <c>i-</c> id: it is the
    /// first 17 hex digits of the container instance id, so it is stable across re-registrations and easy to trace back.</summary>
    public static string Ec2InstanceIdOf(string id) => "i-" + id[..Math.Min(Ec2IdDigits, id.Length)];

    private static List<Attribute> WithBuiltIns(IReadOnlyCollection<Attribute> attributes, string region) =>
        AttributeRules.EnsureWithinLimit(BuiltInAttributes.WithDefaults(attributes, region));
}
