using System.Text.Json;

namespace Berth.ControlPlane.Logs.Filtering;

/// <summary><c>$.selector IS NULL</c> (present and null), <c>NOT EXISTS</c> (absent), <c>IS TRUE</c> / <c>IS FALSE</c>
/// (the JSON booleans, not strings).</summary>
internal sealed record JsonFieldKeywordCondition(JsonSelector Selector, JsonFieldTest Test) : Condition<JsonElement>
{
    public override bool IsSatisfiedBy(JsonElement subject) => Test switch
    {
        JsonFieldTest.NotExists => !Selector.Any(subject, static _ => true),
        JsonFieldTest.IsNull => Selector.Any(subject, static value => value.ValueKind == JsonValueKind.Null),
        JsonFieldTest.IsTrue => Selector.Any(subject, static value => value.ValueKind == JsonValueKind.True),
        _ => Selector.Any(subject, static value => value.ValueKind == JsonValueKind.False),
    };
}
