namespace Berth.ControlPlane.Logs.Filtering;

/// <summary>A parsed CloudWatch Logs filter pattern (FilterLogEvents, metric and subscription filters): parse once, match
/// many events. An empty or blank pattern matches every event.</summary>
public abstract record FilterPattern
{
    /// <summary>Parses <paramref name="text"/>; a malformed pattern throws <see cref="FilterPatternException"/>.</summary>
    /// <remarks>The first character picks the dialect, as in CloudWatch Logs: <c>{</c> a JSON pattern, <c>[</c> a
    /// space-delimited pattern, <c>%</c> a regular expression, anything else terms and quoted phrases.</remarks>
    public static FilterPattern Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return MatchAll.Instance;
        }
        var pattern = text.Trim();
        return pattern[0] switch
        {
            '{' => JsonPatternParser.Parse(pattern),
            '[' => SpaceDelimitedPatternParser.Parse(pattern),
            '%' => RegexPattern.FromPattern(pattern),
            _ => TermPatternParser.Parse(pattern),
        };
    }

    /// <summary>Whether the event's message matches.</summary>
    public abstract bool Matches(string message);

    /// <summary>The pattern that matches every event (no pattern given).</summary>
    private sealed record MatchAll : FilterPattern
    {
        public static readonly MatchAll Instance = new();

        public override bool Matches(string message) => true;
    }
}
