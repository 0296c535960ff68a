using Berth.ControlPlane.Ecs.ContainerInstances;

namespace Berth.ControlPlane.Ecs.Attributes;

/// <summary>An instance some attributes of a call target, and the targetId the caller named it by (for error messages).</summary>
public sealed record AttributeTarget(ContainerInstanceReference Reference, string TargetId);
