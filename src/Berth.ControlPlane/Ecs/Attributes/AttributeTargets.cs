using Berth.ControlPlane.Ecs.ContainerInstances;
using Berth.Domain;
using Attribute = Berth.Aws.Generated.Ecs.Attribute;

namespace Berth.ControlPlane.Ecs.Attributes;

/// <summary>Which resource an attribute of PutAttributes or DeleteAttributes is for. Container instances are the only
/// target type; a short id needs targetType to say so, an ARN says it itself.</summary>
public static class AttributeTargets
{
    /// <summary>The instance the attribute targets; unknown targets are <c>TargetNotFoundException</c>.</summary>
    public static ContainerInstanceReference Resolve(ResourceScope scope, Attribute attribute)
    {
        var targetId = attribute.TargetId;
        if (string.IsNullOrEmpty(targetId))
        {
            throw AttributeErrors.TargetIdMissing();
        }

        if (Arn.TryParse(targetId, out var arn))
        {
            if (arn.ResourceType != ContainerInstanceReference.ArnResourceType)
            {
                throw AttributeErrors.TargetType(targetId);
            }
        }
        else if (attribute.TargetType is null)
        {
            throw AttributeErrors.TargetTypeMissing(targetId);
        }

        return ContainerInstanceReference.Parse(scope, targetId) ?? throw AttributeErrors.TargetNotFound(targetId);
    }
}
