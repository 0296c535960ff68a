using System.Text.RegularExpressions;

namespace Berth.ControlPlane.Logs.Filtering;

/// <summary>The regular-expression subset CloudWatch Logs accepts between <c>%…%</c>, compiled for linear-time
/// matching.</summary>
/// <remarks>AWS allows ASCII letters and digits, the symbols <c>: _ # = @ / ; , -</c> and the operators
/// <c>^ $ ? [ ] { } | \ * + .</c>; no parentheses (so no groups) and no multi-byte characters. Without groups or
/// backreferences every accepted expression runs on .NET's non-backtracking engine.</remarks>
internal static class PatternRegex
{
    private const string Symbols = ":_#=@/;,-^$?[]{}|\\*+.";

    /// <summary>A guard only: the non-backtracking engine is linear, so this bounds a pathological message's length.</summary>
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Validates and compiles the expression between the percent signs.</summary>
    public static Regex Compile(string expression)
    {
        if (expression.Length == 0)
        {
            throw FilterPatternErrors.InvalidCharacters("%%");
        }
        foreach (var c in expression)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !Symbols.Contains(c))
            {
                throw FilterPatternErrors.InvalidCharacters(c.ToString());
            }
        }
        try
        {
            return new Regex(expression, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException)
        {
            throw FilterPatternErrors.InvalidCharacters($"%{expression}%");
        }
    }

    /// <summary>Whether the expression occurs in <paramref name="text"/>; a match that times out counts as none.</summary>
    public static bool IsMatch(Regex regex, string text)
    {
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
