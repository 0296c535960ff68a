namespace Berth.ControlPlane.Ecr.Lifecycle;

/// <summary>One image a lifecycle preview would expire, and the priority of the rule that would.</summary>
public sealed record StoredPreviewResult(string Digest, List<string> Tags, DateTimeOffset PushedAt, int RulePriority);
