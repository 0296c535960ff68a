namespace Berth.ControlPlane.Ecr.Lifecycle;

/// <summary>One rule of a lifecycle policy, as validated by <see cref="LifecyclePolicyParser"/>; its action is always expire.</summary>
public sealed record LifecycleRule
{
    public required int Priority { get; init; }

    public string? Description { get; init; }

    public required LifecycleTagStatus TagStatus { get; init; }

    /// <summary>For tagged rules: each prefix must begin one of the image's tags.</summary>
    public IReadOnlyList<string> TagPrefixes { get; init; } = [];

    /// <summary>For tagged rules: each pattern ('*' matches any run of characters) must match one of the image's tags.</summary>
    public IReadOnlyList<string> TagPatterns { get; init; } = [];

    public required LifecycleCountType CountType { get; init; }

    public required int CountNumber { get; init; }

    /// <summary>Whether the rule looks at an image with these tags (its tag criteria; the count decides what it expires).</summary>
    public bool Selects(IReadOnlyCollection<string> tags) => TagStatus switch
    {
        LifecycleTagStatus.Untagged => tags.Count == 0,
        LifecycleTagStatus.Tagged => tags.Count > 0
            && TagPrefixes.All(prefix => tags.Any(tag => tag.StartsWith(prefix, StringComparison.Ordinal)))
            && TagPatterns.All(pattern => tags.Any(tag => TagPattern.Matches(pattern, tag))),
        _ => true,
    };
}
