namespace Berth.ControlPlane.Ecr.Lifecycle;

/// <summary>How a lifecycle rule picks the images to expire among those it looks at (the policy's <c>countType</c>).</summary>
public enum LifecycleCountType
{
    /// <summary>Keeps the newest <c>countNumber</c> images by pushedAt and expires the rest.</summary>
    ImageCountMoreThan,

    /// <summary>Expires the images pushed more than <c>countNumber</c> days ago.</summary>
    SinceImagePushed,
}
