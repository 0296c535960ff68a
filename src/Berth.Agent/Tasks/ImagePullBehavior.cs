namespace Berth.Agent.Tasks;

/// <summary>When images are pulled (ECS_IMAGE_PULL_BEHAVIOR).</summary>
public enum ImagePullBehavior
{
    /// <summary>Always pull; when the pull fails a copy already on the host is used (ECS "default").</summary>
    Default = 0,

    /// <summary>Always pull; a failed pull fails the task (ECS "always").</summary>
    Always = 1,

    /// <summary>Use the copy on the host if there is one, else pull (ECS "prefer-cached").</summary>
    PreferCached = 2,
}

/// <summary>The behaviours by the names ECS_IMAGE_PULL_BEHAVIOR gives them.</summary>
public static class ImagePullBehaviorNames
{
    public static IReadOnlyDictionary<string, ImagePullBehavior> All { get; } = new Dictionary<string, ImagePullBehavior>(StringComparer.Ordinal)
    {
        ["default"] = ImagePullBehavior.Default,
        ["always"] = ImagePullBehavior.Always,
        ["prefer-cached"] = ImagePullBehavior.PreferCached,
    };
}
