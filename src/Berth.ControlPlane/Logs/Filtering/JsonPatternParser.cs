using System.Text.Json;

namespace Berth.ControlPlane.Logs.Filtering;

/// <summary>Parses <c>{ condition }</c> where a leaf is <c>$.selector OP value</c> or <c>$.selector IS NULL</c> /
/// <c>NOT EXISTS</c> / <c>IS TRUE</c> / <c>IS FALSE</c> (keywords in capitals).</summary>
internal static class JsonPatternParser
{
    public static JsonPattern Parse(string pattern)
    {
        var cursor = new TokenCursor(PatternLexer.Tokenize(pattern));
        cursor.Expect(PatternTokenKind.OpenBrace);
        var condition = ConditionParser.Parse(cursor, ParseLeaf);
        cursor.Expect(PatternTokenKind.CloseBrace);
        cursor.Expect(PatternTokenKind.End);
        return new JsonPattern(condition);
    }

    private static Condition<JsonElement> ParseLeaf(TokenCursor cursor)
    {
        var selector = JsonSelector.Parse(cursor.Expect(PatternTokenKind.Word).Text);
        if (cursor.Current.Kind == PatternTokenKind.Word)
        {
            return new JsonFieldKeywordCondition(selector, ParseKeywords(cursor));
        }
        return new JsonFieldComparison(selector, ValueComparison.Parse(cursor));
    }

    private static JsonFieldTest ParseKeywords(TokenCursor cursor)
    {
        var first = cursor.Take().Text;
        var second = cursor.Current.Kind == PatternTokenKind.Word ? cursor.Current.Text : throw cursor.Unexpected();
        JsonFieldTest? test = (first, second) switch
        {
            ("IS", "NULL") => JsonFieldTest.IsNull,
            ("IS", "TRUE") => JsonFieldTest.IsTrue,
            ("IS", "FALSE") => JsonFieldTest.IsFalse,
            ("NOT", "EXISTS") => JsonFieldTest.NotExists,
            _ => null,
        };
        if (test is not { } found)
        {
            throw FilterPatternErrors.InvalidCharacters($"{first} {second}");
        }
        cursor.Take();
        return found;
    }
}
