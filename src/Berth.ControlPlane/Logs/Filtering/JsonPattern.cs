using System.Text.Json;

namespace Berth.ControlPlane.Logs.Filtering;

/// <summary>A JSON pattern, <c>{ condition }</c>: only messages that are JSON objects can match.</summary>
internal sealed record JsonPattern(Condition<JsonElement> Condition) : FilterPattern
{
    public override bool Matches(string message)
    {
        // Most events of a mixed stream are plain text: reject them before paying for a parse.
        var start = message.AsSpan().TrimStart();
        if (start.IsEmpty || start[0] != '{')
        {
            return false;
        }
        try
        {
            using var document = JsonDocument.Parse(message);
            return Condition.IsSatisfiedBy(document.RootElement);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
