using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Berth.Aws.Model;

/// <summary>One shape of a service model with the constraints that request validation enforces.</summary>
/// <remarks>Shapes reference each other (and themselves), so they are created first and linked afterwards by <see cref="ServiceModel"/>.</remarks>
public sealed class Shape
{
    internal Shape(string name, ShapeType type)
    {
        Name = name;
        Type = type;
    }

    public string Name { get; }

    public ShapeType Type { get; }

    /// <summary>Structure members in model order.</summary>
    public IReadOnlyList<Member> Members { get; internal set; } = [];

    /// <summary>Structure members by wire name, for parsing.</summary>
    public FrozenDictionary<string, Member> MembersByWireName { get; internal set; } = FrozenDictionary<string, Member>.Empty;

    /// <summary>The members a request must carry.</summary>
    public IReadOnlyList<Member> RequiredMembers { get; internal set; } = [];

    /// <summary>The element shape of a list.</summary>
    public Shape? ListMember { get; internal set; }

    /// <summary>The name of a list's elements on the wire (awsQuery: <c>member</c> unless the model renames it).</summary>
    public string ListMemberWireName { get; internal set; } = "member";

    /// <summary>A list or map serialized without a wrapper (awsQuery's <c>flattened</c> trait).</summary>
    public bool Flattened { get; internal set; }

    public Shape? MapKey { get; internal set; }

    public string MapKeyWireName { get; internal set; } = "key";

    public string MapValueWireName { get; internal set; } = "value";

    public Shape? MapValue { get; internal set; }

    /// <summary>Minimum length (strings, blobs), size (lists, maps) or value (numbers).</summary>
    public double? Min { get; internal set; }

    /// <summary>Maximum length (strings, blobs), size (lists, maps) or value (numbers).</summary>
    public double? Max { get; internal set; }

    /// <summary>The model's pattern; AWS services match it against the whole value.</summary>
    public string? PatternText { get; internal set; }

    public Regex? Pattern { get; internal set; }

    public IReadOnlyList<string>? EnumValues { get; internal set; }

    public FrozenSet<string>? Enum { get; internal set; }

    /// <summary>A free-form JSON document (the model's <c>document</c> trait): not validated member by member.</summary>
    public bool IsDocument { get; internal set; }

    /// <summary>An error shape (the <c>exception</c> trait).</summary>
    public bool IsException { get; internal set; }

    public override string ToString() => $"{Name} ({Type})";
}
