using System.Text.Json;

namespace Berth.ControlPlane.Logs.Filtering;

/// <summary>One step of a JSON selector: <c>.name</c>, <c>[2]</c>, or <c>.*</c> / <c>[*]</c> (any member or element).</summary>
internal abstract record JsonPathStep
{
    /// <summary>Whether <paramref name="next"/> holds for some child this step reaches from <paramref name="element"/>.</summary>
    public abstract bool AnyChild(JsonElement element, Func<JsonElement, bool> next);

    /// <summary><c>.name</c>: the member of an object (case-sensitive).</summary>
    public sealed record Property(string Name) : JsonPathStep
    {
        public override bool AnyChild(JsonElement element, Func<JsonElement, bool> next) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(Name, out var child) && next(child);
    }

    /// <summary><c>[n]</c>: the n-th element of an array, from 0.</summary>
    public sealed record Index(int Position) : JsonPathStep
    {
        public override bool AnyChild(JsonElement element, Func<JsonElement, bool> next) =>
            element.ValueKind == JsonValueKind.Array && Position < element.GetArrayLength() && next(element[Position]);
    }

    /// <summary><c>.*</c> or <c>[*]</c>: every member of an object or element of an array.</summary>
    public sealed record Any : JsonPathStep
    {
        public override bool AnyChild(JsonElement element, Func<JsonElement, bool> next)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var member in element.EnumerateObject())
                    {
                        if (next(member.Value))
                        {
                            return true;
                        }
                    }
                    return false;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        if (next(item))
                        {
                            return true;
                        }
                    }
                    return false;
                default:
                    return false;
            }
        }
    }
}
