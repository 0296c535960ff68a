using Berth.ControlPlane.Ecr;
using Berth.ControlPlane.Ecr.Lifecycle;

namespace Berth.ControlPlane.Tests.Ecr;

/// <summary>ECR's lifecycle evaluation rules, table by table: each row a repository (name:tags:age in days), a policy, and the
/// images expired with the priority of the rule expiring each.</summary>
public sealed class LifecycleEvaluatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string, string, string> Cases => new()
    {
        // ECR's documented example: an image belongs to the first rule whose tags select it; later rules count it but may not expire it.
        { "multiple rules", "A:beta-1,prod-1:10 B:beta-2,prod-2:9 C:beta-3:8",
            """[{"rulePriority":1,"selection":{"tagStatus":"tagged","tagPrefixList":["prod"],"countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}},{"rulePriority":2,"selection":{"tagStatus":"tagged","tagPrefixList":["beta"],"countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]""",
            "A@1" },
        { "keep newest two of any", "A::5 B:x:4 C::3 D:y:2",
            """[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":2},"action":{"type":"expire"}}]""",
            "A@1 B@1" },
        { "untagged older than 14 days", "A::20 B::10 C:v1:30",
            """[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},"action":{"type":"expire"}}]""",
            "A@1" },
        { "untagged first, then any keeps 2 counting the untagged", "A::20 B:v1:15 C:v2:10 D::1",
            """[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},"action":{"type":"expire"}},{"rulePriority":2,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":2},"action":{"type":"expire"}}]""",
            "A@1 B@2" },
        { "every prefix must match a tag", "A:alpha-1,beta-1:10 B:alpha-2:9 C:alpha-3,beta-3:8",
            """[{"rulePriority":1,"selection":{"tagStatus":"tagged","tagPrefixList":["alpha","beta"],"countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]""",
            "A@1" },
        { "wildcard patterns", "A:prod-1-rc:10 B:prod-2:9 C:prod-3-rc:8 D:dev-rc:7",
            """[{"rulePriority":1,"selection":{"tagStatus":"tagged","tagPatternList":["prod*rc"],"countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]""",
            "A@1" },
        { "count not exceeded", "A:v1:10 B:v2:9",
            """[{"rulePriority":1,"selection":{"tagStatus":"tagged","tagPrefixList":["v"],"countType":"imageCountMoreThan","countNumber":2},"action":{"type":"expire"}}]""",
            "" },
        { "exactly the days is not older", "A::14",
            """[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},"action":{"type":"expire"}}]""",
            "" },
        { "priority, not order in the text", "A:v1:10 B:v2:9 C:v3:8",
            """[{"rulePriority":9,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}},{"rulePriority":3,"selection":{"tagStatus":"tagged","tagPrefixList":["v"],"countType":"imageCountMoreThan","countNumber":2},"action":{"type":"expire"}}]""",
            "A@3" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_ExpiresWhatEcrWould(string why, string repository, string rules, string expected)
    {
        var images = repository.Split(' ').Select(Image).ToList();
        var policy = LifecyclePolicyParser.Parse($$"""{"rules":{{rules}}}""");

        var expired = LifecycleEvaluator.Evaluate(images, policy, Now);

        Assert.True(expected == string.Join(' ', expired.Select(e => $"{e.Image.Digest}@{e.Rule.Priority}")), $"{why}: got '{string.Join(' ', expired.Select(e => $"{e.Image.Digest}@{e.Rule.Priority}"))}'");
    }

    /// <summary>"name:tag1,tag2:days old"; the name stands in for the digest.</summary>
    private static StoredImage Image(string spec)
    {
        var parts = spec.Split(':');
        return new StoredImage
        {
            Digest = parts[0],
            Manifest = "{}",
            MediaType = "application/vnd.oci.image.manifest.v1+json",
            PushedAt = Now - TimeSpan.FromDays(int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture)),
            Tags = parts[1].Length == 0 ? [] : parts[1].Split(',').ToList(),
        };
    }
}
