using Berth.Aws.Generated.Ecr;
using Berth.ControlPlane.Ecr.Lifecycle;

namespace Berth.ControlPlane.Ecr;

/// <summary>A repository as stored: its wire shape, and what the wire shape does not carry (tags, policies, the last lifecycle
/// preview). Everything of a repository lives in this one document, so DeleteRepository removes it all at once.</summary>
public sealed record StoredRepository
{
    public required Repository Repository { get; init; }

    public List<Tag> Tags { get; init; } = [];

    /// <summary>The lifecycle policy text exactly as put (GetLifecyclePolicy answers it unchanged).</summary>
    public string? LifecyclePolicy { get; init; }

    /// <summary>When the lifecycle controller last evaluated the policy (GetLifecyclePolicy's lastEvaluatedAt).</summary>
    public DateTimeOffset? LifecycleEvaluatedAt { get; init; }

    public StoredLifecyclePreview? LifecyclePreview { get; init; }

    /// <summary>The repository policy text exactly as set.</summary>
    public string? RepositoryPolicy { get; init; }
}
