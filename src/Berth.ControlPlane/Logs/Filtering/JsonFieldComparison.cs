using System.Text.Json;

namespace Berth.ControlPlane.Logs.Filtering;

/// <summary><c>$.selector OP value</c>: holds when a value the selector reaches is a string, number or boolean that
/// compares as asked. A missing field or a null, object or array never compares, not even with <c>!=</c>.</summary>
internal sealed record JsonFieldComparison(JsonSelector Selector, ValueComparison Comparison) : Condition<JsonElement>
{
    public override bool IsSatisfiedBy(JsonElement subject) =>
        Selector.Any(subject, value => TextOf(value) is { } text && Comparison.Matches(text));

    /// <summary>The text a scalar compares as: a string's value, a number as written, <c>true</c> / <c>false</c>.</summary>
    private static string? TextOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };
}
