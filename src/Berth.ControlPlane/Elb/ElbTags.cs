using Berth.Aws.Generated.Elbv2;
using Berth.ControlPlane.Tagging;

namespace Berth.ControlPlane.Elb;

/// <summary>ELBv2's tag rules: keys checked as every Berth API checks them, at most <see cref="Limit"/> per resource.</summary>
public static class ElbTags
{
    public const int Limit = 50;

    /// <summary>The tags given on a create call, checked.</summary>
    public static Dictionary<string, string> FromRequest(List<Tag>? tags) => Merge(new Dictionary<string, string>(), tags);

    /// <summary>The tags after adding (or overwriting) <paramref name="added"/>, checked against the limit.</summary>
    public static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> current, List<Tag>? added)
    {
        added ??= [];
        TagKeys.Check(added.Select(t => t.Key), ElbErrors.Validation);
        var next = new Dictionary<string, string>(current, StringComparer.Ordinal);
        foreach (var tag in added)
        {
            next[tag.Key!] = tag.Value ?? string.Empty;
        }

        return next.Count <= Limit ? next : throw ElbErrors.TooManyTags(Limit);
    }

    public static List<Tag> ToWire(IReadOnlyDictionary<string, string> tags) => [.. tags.Select(t => new Tag { Key = t.Key, Value = t.Value })];
}
