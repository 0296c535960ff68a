using System.Text;

namespace Berth.ControlPlane.Logs.Filtering;

/// <summary>Parses an unstructured pattern: terms separated by whitespace, each a bare word (letters, digits,
/// underscore) or a quoted phrase, optionally prefixed by <c>?</c> (starts a new alternative) and <c>-</c> (exclude).</summary>
/// <remarks>Grouping follows what CloudWatch Logs does with <c>?ERROR MainThread ?WARN Deadlock</c>: each <c>?</c>
/// opens an alternative and the terms after it join that alternative until the next <c>?</c>.</remarks>
internal static class TermPatternParser
{
    public static TermPattern Parse(string pattern)
    {
        var groups = new List<TermGroup>();
        var required = new List<string>();
        var excluded = new List<string>();
        var position = 0;
        while (SkipWhitespace(pattern, ref position))
        {
            var opensAlternative = Accept(pattern, ref position, '?');
            var excludes = Accept(pattern, ref position, '-');
            var term = ReadTerm(pattern, ref position);
            if (opensAlternative && required.Count + excluded.Count > 0)
            {
                groups.Add(new TermGroup([.. required], [.. excluded]));
                required.Clear();
                excluded.Clear();
            }
            (excludes ? excluded : required).Add(term);
        }
        groups.Add(new TermGroup([.. required], [.. excluded]));
        return new TermPattern([.. groups]);
    }

    private static bool SkipWhitespace(string pattern, ref int position)
    {
        while (position < pattern.Length && char.IsWhiteSpace(pattern[position]))
        {
            position++;
        }
        return position < pattern.Length;
    }

    private static bool Accept(string pattern, ref int position, char prefix)
    {
        if (position < pattern.Length && pattern[position] == prefix)
        {
            position++;
            return true;
        }
        return false;
    }

    private static string ReadTerm(string pattern, ref int position)
    {
        if (position < pattern.Length && pattern[position] == '"')
        {
            return ReadQuoted(pattern, ref position);
        }
        var start = position;
        while (position < pattern.Length && !char.IsWhiteSpace(pattern[position]))
        {
            if (!IsBareTermCharacter(pattern[position]))
            {
                throw FilterPatternErrors.InvalidCharacters(pattern[position].ToString());
            }
            position++;
        }
        if (position == start)
        {
            // A '?' or '-' with no term after it.
            throw FilterPatternErrors.InvalidCharacters(pattern[..position].TrimEnd()[^1..]);
        }
        return pattern[start..position];
    }

    /// <summary>Reads <c>"…"</c> where <c>\"</c> and <c>\\</c> stand for themselves; the term is what is between.</summary>
    internal static string ReadQuoted(string pattern, ref int position)
    {
        var start = position;
        var text = new StringBuilder();
        position++;
        while (position < pattern.Length)
        {
            var c = pattern[position++];
            if (c == '"')
            {
                if (text.Length == 0)
                {
                    throw FilterPatternErrors.InvalidCharacters("\"\"");
                }
                return text.ToString();
            }
            if (c == '\\' && position < pattern.Length && pattern[position] is '"' or '\\')
            {
                c = pattern[position++];
            }
            text.Append(c);
        }
        throw FilterPatternErrors.InvalidCharacters(pattern[start..]);
    }

    /// <summary>Terms with anything but letters, digits and underscores must be quoted.</summary>
    private static bool IsBareTermCharacter(char c) => char.IsLetterOrDigit(c) || c == '_';
}
