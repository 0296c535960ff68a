namespace Berth.ControlPlane.Logs.Filtering;

/// <summary>The <c>&amp;&amp;</c> / <c>||</c> / parentheses grammar shared by JSON and space-delimited patterns;
/// <c>&amp;&amp;</c> binds tighter than <c>||</c>. The dialect supplies the leaf parser.</summary>
internal static class ConditionParser
{
    public static Condition<TSubject> Parse<TSubject>(TokenCursor cursor, Func<TokenCursor, Condition<TSubject>> parseLeaf)
    {
        var condition = ParseConjunction(cursor, parseLeaf);
        while (cursor.Accept(PatternTokenKind.Or))
        {
            condition = new Condition<TSubject>.Either(condition, ParseConjunction(cursor, parseLeaf));
        }
        return condition;
    }

    private static Condition<TSubject> ParseConjunction<TSubject>(TokenCursor cursor, Func<TokenCursor, Condition<TSubject>> parseLeaf)
    {
        var condition = ParsePrimary(cursor, parseLeaf);
        while (cursor.Accept(PatternTokenKind.And))
        {
            condition = new Condition<TSubject>.Both(condition, ParsePrimary(cursor, parseLeaf));
        }
        return condition;
    }

    private static Condition<TSubject> ParsePrimary<TSubject>(TokenCursor cursor, Func<TokenCursor, Condition<TSubject>> parseLeaf)
    {
        if (!cursor.Accept(PatternTokenKind.OpenParen))
        {
            return parseLeaf(cursor);
        }
        var condition = Parse(cursor, parseLeaf);
        cursor.Expect(PatternTokenKind.CloseParen);
        return condition;
    }
}
