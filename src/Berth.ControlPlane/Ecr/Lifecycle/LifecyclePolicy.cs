namespace Berth.ControlPlane.Ecr.Lifecycle;

/// <summary>A validated lifecycle policy: its rules in priority order (lowest rulePriority first, as ECR evaluates them).</summary>
public sealed record LifecyclePolicy(IReadOnlyList<LifecycleRule> Rules);
