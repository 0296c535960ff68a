namespace Berth.ControlPlane.Placement.Query;

/// <summary>Splits an expression into tokens. A bare word runs until whitespace, a bracket, parenthesis, comma, quote or
/// operator character, so values such as <c>t2.*</c>, <c>service:web</c> or <c>2018-06-18T22:28:28+00:00</c> need no
/// quotes; values with those characters (most regular expressions with groups) are quoted with ' or ".</summary>
public static class QueryTokenizer
{
    private static readonly string[] Symbols = ["==", "!=", ">=", "<=", "=~", "!~", "&&", "||", ">", "<", "!"];

    private const string OperatorCharacters = "=!<>~&|";

    public static IReadOnlyList<QueryToken> Tokenize(string expression)
    {
        var tokens = new List<QueryToken>();
        var i = 0;
        while (true)
        {
            while (i < expression.Length && char.IsWhiteSpace(expression[i]))
            {
                i++;
            }

            if (i == expression.Length)
            {
                tokens.Add(new QueryToken(QueryTokenKind.End, "", i));
                return tokens;
            }

            var token = Next(expression, i);
            tokens.Add(token);
            i = token.Kind == QueryTokenKind.Quoted ? i + token.Text.Length + 2 : i + token.Text.Length;
        }
    }

    private static QueryToken Next(string expression, int start)
    {
        var c = expression[start];
        switch (c)
        {
            case '(': return new QueryToken(QueryTokenKind.OpenParen, "(", start);
            case ')': return new QueryToken(QueryTokenKind.CloseParen, ")", start);
            case '[': return new QueryToken(QueryTokenKind.OpenBracket, "[", start);
            case ']': return new QueryToken(QueryTokenKind.CloseBracket, "]", start);
            case ',': return new QueryToken(QueryTokenKind.Comma, ",", start);
            case '\'' or '"': return Quoted(expression, start, c);
        }

        if (OperatorCharacters.Contains(c, StringComparison.Ordinal))
        {
            var symbol = Symbols.FirstOrDefault(s => string.CompareOrdinal(expression, start, s, 0, s.Length) == 0)
                ?? throw new QuerySyntaxException(start, $"unexpected character '{c}'");
            return new QueryToken(QueryTokenKind.Symbol, symbol, start);
        }

        var end = start;
        while (end < expression.Length && IsWordCharacter(expression[end]))
        {
            end++;
        }

        return new QueryToken(QueryTokenKind.Word, expression[start..end], start);
    }

    private static QueryToken Quoted(string expression, int start, char quote)
    {
        var close = expression.IndexOf(quote, start + 1);
        if (close < 0)
        {
            throw new QuerySyntaxException(start, $"the value starting here has no closing {quote}");
        }

        return new QueryToken(QueryTokenKind.Quoted, expression[(start + 1)..close], start);
    }

    private static bool IsWordCharacter(char c) =>
        !char.IsWhiteSpace(c) && !"()[],'\"".Contains(c, StringComparison.Ordinal) && !OperatorCharacters.Contains(c, StringComparison.Ordinal);
}
