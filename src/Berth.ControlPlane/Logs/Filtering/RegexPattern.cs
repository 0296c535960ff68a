using System.Text.RegularExpressions;

namespace Berth.ControlPlane.Logs.Filtering;

/// <summary>A standalone regular-expression pattern, <c>%…%</c>: matches when the expression occurs in the message.</summary>
internal sealed record RegexPattern(Regex Expression) : FilterPattern
{
    public static RegexPattern FromPattern(string pattern)
    {
        var close = pattern.IndexOf('%', 1);
        if (close < 0)
        {
            throw FilterPatternErrors.InvalidCharacters(pattern);
        }
        if (close != pattern.Length - 1)
        {
            throw FilterPatternErrors.InvalidCharacters(pattern[(close + 1)..].Trim());
        }
        return new RegexPattern(PatternRegex.Compile(pattern[1..close]));
    }

    public override bool Matches(string message) => PatternRegex.IsMatch(Expression, message);
}
