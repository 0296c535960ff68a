using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Attributes;
using Berth.ControlPlane.Ecs.Tagging;
using Attribute = Berth.Aws.Generated.Ecs.Attribute;

namespace Berth.ControlPlane.Ecs.ContainerInstances;

/// <summary>A RegisterContainerInstance request once checked: what a new or re-registering instance takes from it.</summary>
public sealed record InstanceRegistration(List<Resource> Resources, List<Attribute> Attributes, List<Tag> Tags, VersionInfo? VersionInfo)
{
    /// <summary>Checks everything that does not depend on what is stored, so a bad request fails before any read.</summary>
    public static InstanceRegistration Check(RegisterContainerInstanceRequest request) => new(
        InstanceResources.Validate(request.TotalResources),
        AttributeRules.ValidateAll(request.Attributes),
        TagRules.Validate(request.Tags),
        request.VersionInfo);
}
