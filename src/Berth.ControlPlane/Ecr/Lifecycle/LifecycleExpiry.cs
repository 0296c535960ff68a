namespace Berth.ControlPlane.Ecr.Lifecycle;

/// <summary>An image a lifecycle policy expires, and the rule that expires it.</summary>
public sealed record LifecycleExpiry(StoredImage Image, LifecycleRule Rule);
