namespace Berth.ControlPlane.Logs.Filtering;

/// <summary>A parsed CloudWatch Logs filter pattern (FilterLogEvents, metric and subscription filters): parse once, match
/// many events. An empty or blank pattern matches every event.</summary>
public abstract record FilterPattern
{
    /// <summary>Parses <paramref name="text"/>; a malformed pattern throws <see cref="FilterPatternException"/>.</summary>
    public static FilterPattern Parse(string? text) =>
        string.IsNullOrWhiteSpace(text) ? MatchAll.Instance : throw new FilterPatternException("Invalid filter pattern");

    /// <summary>Whether the event's message matches.</summary>
    public abstract bool Matches(string message);

    /// <summary>The pattern that matches every event (no pattern given).</summary>
    private sealed record MatchAll : FilterPattern
    {
        public static readonly MatchAll Instance = new();

        public override bool Matches(string message) => true;
    }
}
