using Berth.Aws.Generated.Ecs;
using Attribute = Berth.Aws.Generated.Ecs.Attribute;

namespace Berth.ControlPlane.Ecs.Attributes;

/// <summary>ListAttributes' page arithmetic: the attributes of a cluster's instances in (instance key, attribute name)
/// order, each with its target, so that a page boundary is a position that survives concurrent writes.</summary>
public static class AttributeListing
{
    /// <summary>Occurs in neither store keys nor attribute names, so a position splits back unambiguously.</summary>
    private const char Separator = '|';

    /// <param name="instances">The cluster's registered instances with their store keys, in key order.</param>
    /// <param name="after">The position to continue after (from the previous page), or null for the start.</param>
    /// <returns>The page and the position to continue after, or null when nothing follows.</returns>
    public static (List<Attribute> Page, string? Next) Page(
        IEnumerable<(string Key, ContainerInstance Instance)> instances, string? name, string? value, string? after, int pageSize)
    {
        var start = after is null ? ((string Key, string Name)?)null : Split(after);
        var page = new List<Attribute>();
        string? last = null;
        foreach (var (key, instance) in instances)
        {
            foreach (var attribute in (instance.Attributes ?? []).OrderBy(a => a.Name, StringComparer.Ordinal))
            {
                if ((start is { } s && Compare(key, attribute.Name!, s) <= 0) || (name is not null && attribute.Name != name)
                    || (value is not null && attribute.Value != value))
                {
                    continue;
                }

                if (page.Count == pageSize)
                {
                    return (page, last);
                }

                page.Add(new Attribute
                {
                    Name = attribute.Name,
                    Value = attribute.Value,
                    TargetType = TargetType.ContainerInstance,
                    TargetId = instance.ContainerInstanceArn,
                });
                last = key + Separator + attribute.Name;
            }
        }

        return (page, null);
    }

    /// <summary>Whether a decoded token is a position this listing could have issued.</summary>
    public static bool IsPosition(string text) => text.IndexOf(Separator, StringComparison.Ordinal) is > 0 and var i && i < text.Length - 1;

    private static (string Key, string Name) Split(string position)
    {
        var i = position.IndexOf(Separator, StringComparison.Ordinal);
        return (position[..i], position[(i + 1)..]);
    }

    private static int Compare(string key, string name, (string Key, string Name) position)
    {
        var byKey = string.CompareOrdinal(key, position.Key);
        return byKey != 0 ? byKey : string.CompareOrdinal(name, position.Name);
    }
}
