namespace Berth.ControlPlane.Ecr.Lifecycle;

/// <summary>Which images of a repository a lifecycle policy expires now, by ECR's evaluation rules:</summary>
/// <remarks>
/// <list type="bullet">
/// <item>Rules are evaluated by priority, lowest rulePriority first; an image is expired by at most one rule.</item>
/// <item>An image belongs to the first rule whose tag criteria select it: no later rule may expire it, but later rules still
/// count it among the images they look at ("as if it had not been expired").</item>
/// <item>imageCountMoreThan keeps the newest countNumber images (by pushedAt) a rule looks at; sinceImagePushed expires those
/// pushed more than countNumber days before now.</item>
/// </list>
/// Worked example (ECR's): A [beta-1, prod-1] 10 days old, B [beta-2, prod-2] 9, C [beta-3] 8; rule 1 prod keeps 1, rule 2
/// beta keeps 1. Rule 1 looks at A, B and expires A. Rule 2 looks at A, B, C and would expire A and B, but both belong to
/// rule 1. Only A is expired.
/// </remarks>
public static class LifecycleEvaluator
{
    /// <returns>The expired images, oldest first.</returns>
    public static IReadOnlyList<LifecycleExpiry> Evaluate(IReadOnlyCollection<StoredImage> images, LifecyclePolicy policy, DateTimeOffset now)
    {
        var rules = policy.Rules.OrderBy(r => r.Priority).ToList();
        var owners = images.ToDictionary(i => i.Digest, i => rules.FirstOrDefault(r => r.Selects(i.Tags)), StringComparer.Ordinal);
        var expired = new List<LifecycleExpiry>();
        foreach (var rule in rules)
        {
            var seen = images.Where(i => rule.Selects(i.Tags));
            var chosen = rule.CountType == LifecycleCountType.ImageCountMoreThan
                ? seen.OrderByDescending(i => i.PushedAt).ThenBy(i => i.Digest, StringComparer.Ordinal).Skip(rule.CountNumber)
                : seen.Where(i => i.PushedAt < now - TimeSpan.FromDays(rule.CountNumber));
            expired.AddRange(chosen.Where(i => ReferenceEquals(owners[i.Digest], rule)).Select(i => new LifecycleExpiry(i, rule)));
        }

        return expired.OrderBy(e => e.Image.PushedAt).ThenBy(e => e.Image.Digest, StringComparer.Ordinal).ToList();
    }
}
