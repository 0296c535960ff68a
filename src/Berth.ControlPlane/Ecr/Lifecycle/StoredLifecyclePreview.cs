namespace Berth.ControlPlane.Ecr.Lifecycle;

/// <summary>The result of the last StartLifecyclePolicyPreview: the policy it evaluated and the images it would expire, frozen at
/// that moment as ECR's preview is (later pushes do not change it).</summary>
public sealed record StoredLifecyclePreview(string PolicyText, List<StoredPreviewResult> Results);
