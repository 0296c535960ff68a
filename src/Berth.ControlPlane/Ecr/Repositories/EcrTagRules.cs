using Berth.Aws.Generated.Ecr;
using Berth.Aws.Protocol;
using Berth.ControlPlane.Tagging;

namespace Berth.ControlPlane.Ecr.Repositories;

/// <summary>ECR's tag rules: at most 50 per repository, unique keys, the aws: prefix reserved.</summary>
public static class EcrTagRules
{
    public const int MaxTagsPerResource = 50;

    /// <summary>Checks tags given on create or TagResource; returns them as the list to store.</summary>
    public static List<Tag> Validate(List<Tag>? tags)
    {
        var list = tags ?? [];
        TagKeys.Check(list.Select(t => t.Key), InvalidTag);
        return list.Count <= MaxTagsPerResource ? list : throw TooMany();
    }

    /// <summary>Adds or overwrites tags by key.</summary>
    public static List<Tag> Merge(List<Tag> current, List<Tag> changes)
    {
        var merged = current.Where(t => !changes.Any(c => c.Key == t.Key)).Concat(changes).ToList();
        return merged.Count <= MaxTagsPerResource ? merged : throw TooMany();
    }

    private static AwsException InvalidTag(string message) => new("InvalidTagParameterException", message);

    private static AwsException TooMany() =>
        new("TooManyTagsException", $"A repository can have at most {MaxTagsPerResource} tags.");
}
