using System.Text.RegularExpressions;

namespace Berth.ControlPlane.Placement.Query;

/// <summary>The regular expressions of <c>matches</c>: .NET syntax (close to Java's for the usual patterns), anchored to
/// the whole value, culture-invariant, and bounded in time so a pathological pattern cannot stall a request.</summary>
public static class QueryPatterns
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(100);

    /// <summary>The compiled pattern, or null when it is not a valid regular expression on its own (checked before
    /// wrapping, so a stray ')' cannot escape the anchors).</summary>
    public static Regex? TryCreate(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, Timeout);
            return new Regex($"\\A(?:{pattern})\\z", RegexOptions.CultureInvariant, Timeout);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>A match that times out counts as no match rather than an error.</summary>
    public static bool IsMatch(Regex pattern, string value)
    {
        try
        {
            return pattern.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
