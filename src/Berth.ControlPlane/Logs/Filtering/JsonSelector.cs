using System.Collections.Immutable;
using System.Text.Json;

namespace Berth.ControlPlane.Logs.Filtering;

/// <summary>A JSON selector such as <c>$.user.email</c>, <c>$.objectList[1].id</c> or <c>$.users[*].id</c>; with
/// wildcards a selector reaches several values and a condition holds when it holds for any of them.</summary>
internal sealed record JsonSelector(string Text, ImmutableArray<JsonPathStep> Steps)
{
    /// <summary>Whether <paramref name="test"/> holds for some value the selector reaches in <paramref name="root"/>.</summary>
    public bool Any(JsonElement root, Func<JsonElement, bool> test) => Walk(root, 0, test);

    private bool Walk(JsonElement element, int step, Func<JsonElement, bool> test) =>
        step == Steps.Length ? test(element) : Steps[step].AnyChild(element, child => Walk(child, step + 1, test));

    /// <summary>Parses <c>$</c> followed by at least one step; member names are letters, digits, <c>_ - @</c>.</summary>
    public static JsonSelector Parse(string text)
    {
        if (!text.StartsWith('$'))
        {
            throw FilterPatternErrors.InvalidCharacters(text);
        }
        var steps = ImmutableArray.CreateBuilder<JsonPathStep>();
        var position = 1;
        while (position < text.Length)
        {
            steps.Add(text[position] switch
            {
                '.' => ParseMember(text, ref position),
                '[' => ParseIndex(text, ref position),
                _ => throw FilterPatternErrors.InvalidCharacters(text),
            });
        }
        return steps.Count > 0 ? new JsonSelector(text, steps.ToImmutable()) : throw FilterPatternErrors.InvalidCharacters(text);
    }

    private static JsonPathStep ParseMember(string text, ref int position)
    {
        var start = ++position;
        if (position < text.Length && text[position] == '*')
        {
            position++;
            return new JsonPathStep.Any();
        }
        while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] is '_' or '-' or '@'))
        {
            position++;
        }
        return position > start ? new JsonPathStep.Property(text[start..position]) : throw FilterPatternErrors.InvalidCharacters(text);
    }

    private static JsonPathStep ParseIndex(string text, ref int position)
    {
        var close = text.IndexOf(']', position);
        if (close < 0)
        {
            throw FilterPatternErrors.InvalidCharacters(text);
        }
        var inside = text[(position + 1)..close];
        position = close + 1;
        if (inside == "*")
        {
            return new JsonPathStep.Any();
        }
        return inside.Length > 0 && inside.All(char.IsAsciiDigit) && int.TryParse(inside, out var index)
            ? new JsonPathStep.Index(index)
            : throw FilterPatternErrors.InvalidCharacters(text);
    }
}
