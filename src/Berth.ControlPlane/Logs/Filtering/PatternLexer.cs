namespace Berth.ControlPlane.Logs.Filtering;

/// <summary>Splits a JSON or space-delimited pattern into tokens.</summary>
/// <remarks>A word that starts with <c>$</c> is a JSON selector and keeps its <c>[0]</c> / <c>[*]</c> indexes; any
/// other word stops at a bracket, which then delimits a space-delimited pattern.</remarks>
internal static class PatternLexer
{
    private const string Delimiters = "{}[](),\"%=!<>&|";

    public static List<PatternToken> Tokenize(string pattern)
    {
        var tokens = new List<PatternToken>();
        var position = 0;
        while (true)
        {
            while (position < pattern.Length && char.IsWhiteSpace(pattern[position]))
            {
                position++;
            }
            if (position == pattern.Length)
            {
                tokens.Add(new PatternToken(PatternTokenKind.End, ""));
                return tokens;
            }
            tokens.Add(Next(pattern, ref position));
        }
    }

    private static PatternToken Next(string pattern, ref int position)
    {
        var c = pattern[position];
        var following = position + 1 < pattern.Length ? pattern[position + 1] : '\0';
        switch (c)
        {
            case '{': return Single(PatternTokenKind.OpenBrace, ref position, "{");
            case '}': return Single(PatternTokenKind.CloseBrace, ref position, "}");
            case '[': return Single(PatternTokenKind.OpenBracket, ref position, "[");
            case ']': return Single(PatternTokenKind.CloseBracket, ref position, "]");
            case '(': return Single(PatternTokenKind.OpenParen, ref position, "(");
            case ')': return Single(PatternTokenKind.CloseParen, ref position, ")");
            case ',': return Single(PatternTokenKind.Comma, ref position, ",");
            case '&' when following == '&': return Single(PatternTokenKind.And, ref position, "&&");
            case '|' when following == '|': return Single(PatternTokenKind.Or, ref position, "||");
            case '!' or '<' or '>' when following == '=':
                return Single(PatternTokenKind.Comparison, ref position, $"{c}=");
            case '=' or '<' or '>': return Single(PatternTokenKind.Comparison, ref position, c.ToString());
            case '"': return new PatternToken(PatternTokenKind.Quoted, TermPatternParser.ReadQuoted(pattern, ref position));
            case '%': return ReadRegex(pattern, ref position);
            case '&' or '|' or '!': throw FilterPatternErrors.InvalidCharacters(c.ToString());
            default: return ReadWord(pattern, ref position);
        }
    }

    private static PatternToken Single(PatternTokenKind kind, ref int position, string text)
    {
        position += text.Length;
        return new PatternToken(kind, text);
    }

    private static PatternToken ReadRegex(string pattern, ref int position)
    {
        var close = pattern.IndexOf('%', position + 1);
        if (close < 0)
        {
            throw FilterPatternErrors.InvalidCharacters(pattern[position..]);
        }
        var expression = pattern[(position + 1)..close];
        position = close + 1;
        return new PatternToken(PatternTokenKind.Regex, expression);
    }

    private static PatternToken ReadWord(string pattern, ref int position)
    {
        var start = position;
        var selector = pattern[start] == '$';
        while (position < pattern.Length
            && !char.IsWhiteSpace(pattern[position])
            && (!Delimiters.Contains(pattern[position]) || (selector && pattern[position] is '[' or ']')))
        {
            position++;
        }
        return new PatternToken(PatternTokenKind.Word, pattern[start..position]);
    }
}
