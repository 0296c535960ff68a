using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Tagging;

namespace Berth.ControlPlane.Ecs.Tagging;

/// <summary>ECS's tag rules beyond what the model checks: at most 50 per resource, unique keys, the aws: prefix reserved.</summary>
public static class TagRules
{
    public const int MaxTagsPerResource = 50;

    /// <summary>Checks tags given on create; returns them as the list to store.</summary>
    public static List<Tag> Validate(List<Tag>? tags)
    {
        var list = tags ?? [];
        TagKeys.Check(list.Select(t => t.Key), EcsErrors.InvalidParameter);
        return list.Count <= MaxTagsPerResource
            ? list.Select(t => t with { Value = t.Value ?? string.Empty }).ToList()
            : throw TooMany();
    }

    /// <summary>Adds or overwrites tags by key.</summary>
    public static List<Tag> Merge(List<Tag>? current, List<Tag> changes)
    {
        var merged = (current ?? []).Where(t => !changes.Any(c => c.Key == t.Key)).Concat(changes).ToList();
        return merged.Count <= MaxTagsPerResource ? merged : throw TooMany();
    }

    public static List<Tag> Remove(List<Tag>? current, IReadOnlyCollection<string> keys) =>
        (current ?? []).Where(t => !keys.Contains(t.Key!)).ToList();

    private static Aws.Protocol.AwsException TooMany() =>
        EcsErrors.InvalidParameter($"A resource can have at most {MaxTagsPerResource} tags.");
}
