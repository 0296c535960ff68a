using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Attributes;
using Berth.ControlPlane.Ecs.Tagging;
using Attribute = Berth.Aws.Generated.Ecs.Attribute;

namespace Berth.ControlPlane.Ecs.ContainerInstances;

/// <summary>A RegisterContainerInstance request once checked: what a new or re-registering instance takes from it.</summary>
public sealed record InstanceRegistration(List<Resource> Resources, List<Attribute> Attributes, List<Tag> Tags, VersionInfo? VersionInfo)
{
    /// <summary>Checks everything that does not depend on what is stored, so a bad request fails before any read. The
    /// instance identity document is not checked (Berth has no EC2 to vouch for it); platform devices (GPUs) are refused
    /// until placement can reserve them, rather than registered and never used.</summary>
    public static InstanceRegistration Check(RegisterContainerInstanceRequest request) => request.PlatformDevices is { Count: > 0 }
        ? throw ContainerInstanceErrors.PlatformDevicesNotSupported()
        : new(
            InstanceResources.Validate(request.TotalResources),
            AttributeRules.ValidateAll(request.Attributes),
            TagRules.Validate(request.Tags),
            request.VersionInfo);
}
