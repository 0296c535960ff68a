using System.Globalization;
using System.Text.RegularExpressions;

namespace Berth.ControlPlane.Logs.Filtering;

/// <summary>The right-hand side of a condition: a number, a string (with <c>*</c> wildcards) or a regular expression.
/// Strings and expressions only support <c>=</c> and <c>!=</c>.</summary>
internal abstract record PatternValue
{
    /// <summary>Whether the field's text compares as <paramref name="comparison"/> says.</summary>
    public abstract bool Matches(ComparisonOperator comparison, string text);

    /// <summary>The value a bare word stands for: a finite number, else a string that may hold wildcards.</summary>
    public static PatternValue FromWord(string word) =>
        TryParseNumber(word, out var number) ? new Number(number) : new Text(word);

    public static bool TryParseNumber(string text, out double number) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);

    /// <summary>A numeric value; a field that is not a number never matches it.</summary>
    public sealed record Number(double Value) : PatternValue
    {
        public override bool Matches(ComparisonOperator comparison, string text)
        {
            if (!TryParseNumber(text, out var field))
            {
                return false;
            }
            return comparison switch
            {
                ComparisonOperator.Equal => field == Value,
                ComparisonOperator.NotEqual => field != Value,
                ComparisonOperator.Less => field < Value,
                ComparisonOperator.LessOrEqual => field <= Value,
                ComparisonOperator.Greater => field > Value,
                _ => field >= Value,
            };
        }
    }

    /// <summary>A string compared whole; each <c>*</c> stands for any run of characters.</summary>
    public sealed record Text(string Pattern) : PatternValue
    {
        public override bool Matches(ComparisonOperator comparison, string text) =>
            Wildcard.Matches(Pattern, text) == (comparison == ComparisonOperator.Equal);
    }

    /// <summary>A <c>%…%</c> expression that must occur in the field.</summary>
    public sealed record Expression(Regex Regex) : PatternValue
    {
        public override bool Matches(ComparisonOperator comparison, string text) =>
            PatternRegex.IsMatch(Regex, text) == (comparison == ComparisonOperator.Equal);
    }
}
