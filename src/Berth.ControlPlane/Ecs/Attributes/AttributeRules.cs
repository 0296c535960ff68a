using System.Text.RegularExpressions;
using Attribute = Berth.Aws.Generated.Ecs.Attribute;

namespace Berth.ControlPlane.Ecs.Attributes;

/// <summary>ECS's rules for attributes: the name and value alphabets, the prefixes reserved for the attributes ECS and its
/// agent set (built-in), and at most ten custom attributes per resource.</summary>
public static partial class AttributeRules
{
    public const int MaxCustomAttributes = 10;

    public const int MaxAttributesPerCall = 10;

    private static readonly string[] ReservedPrefixes = ["ecs.", "com.amazonaws.ecs."];

    /// <summary>Built-in attributes (capabilities, OS, availability zone, ...) come from ECS and the agent and don't count
    /// against the limit; every other name is custom.</summary>
    public static bool IsBuiltIn(string name) => ReservedPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));

    /// <summary>Checks one attribute's name and value; returns it as stored, without its target.</summary>
    public static Attribute Validate(Attribute attribute)
    {
        var name = attribute.Name;
        if (name is null || !NamePattern().IsMatch(name))
        {
            throw AttributeErrors.Name(name);
        }

        if (attribute.Value is { } value && (!ValuePattern().IsMatch(value) || value.StartsWith(' ') || value.EndsWith(' ')))
        {
            throw AttributeErrors.Value(name);
        }

        return new Attribute { Name = name, Value = attribute.Value };
    }

    /// <summary>Checks the attributes an agent registers with (built-in ones allowed); names must be unique.</summary>
    public static List<Attribute> ValidateAll(IReadOnlyCollection<Attribute>? attributes)
    {
        var validated = (attributes ?? []).Select(Validate).ToList();
        var duplicate = validated.GroupBy(a => a.Name!, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? validated : throw AttributeErrors.Duplicate(duplicate.Key);
    }

    /// <summary>PutAttributes and DeleteAttributes change custom attributes only: the built-in ones describe what the instance
    /// is and can do, and placement trusts them.</summary>
    public static void EnsureCustom(string name)
    {
        if (IsBuiltIn(name))
        {
            throw AttributeErrors.Reserved(name);
        }
    }

    /// <summary>Adds or overwrites attributes by name; the result must stay within the custom attribute limit.</summary>
    public static List<Attribute> Merge(IReadOnlyCollection<Attribute>? current, IReadOnlyCollection<Attribute> changes)
    {
        var names = changes.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        return EnsureWithinLimit((current ?? []).Where(a => !names.Contains(a.Name)).Concat(changes).ToList());
    }

    public static List<Attribute> Remove(IReadOnlyCollection<Attribute>? current, IReadOnlyCollection<string> names) =>
        (current ?? []).Where(a => !names.Contains(a.Name!)).ToList();

    public static List<Attribute> EnsureWithinLimit(List<Attribute> attributes) =>
        attributes.Count(a => !IsBuiltIn(a.Name!)) <= MaxCustomAttributes ? attributes : throw AttributeErrors.LimitExceeded();

    [GeneratedRegex(@"^[A-Za-z0-9\-_/\\.]{1,128}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9\-_.@/\\: ]{1,128}$")]
    private static partial Regex ValuePattern();
}
