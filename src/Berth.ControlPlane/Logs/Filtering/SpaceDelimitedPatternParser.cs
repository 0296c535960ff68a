namespace Berth.ControlPlane.Logs.Filtering;

/// <summary>Parses <c>[column, column, …]</c>: a column is <c>...</c>, a name (letters, digits, underscore), or
/// conditions on that name joined by <c>&amp;&amp;</c> / <c>||</c> (<c>status_code = 4* || status_code = 5*</c>).</summary>
/// <remarks>A column's conditions can only name that column: each column is matched against its own field.</remarks>
internal static class SpaceDelimitedPatternParser
{
    public static SpaceDelimitedPattern Parse(string pattern)
    {
        var cursor = new TokenCursor(PatternLexer.Tokenize(pattern));
        cursor.Expect(PatternTokenKind.OpenBracket);
        var columns = new List<DelimitedColumn> { ParseColumn(cursor) };
        while (cursor.Accept(PatternTokenKind.Comma))
        {
            columns.Add(ParseColumn(cursor));
        }
        cursor.Expect(PatternTokenKind.CloseBracket);
        cursor.Expect(PatternTokenKind.End);
        return new SpaceDelimitedPattern([.. columns]);
    }

    private static DelimitedColumn ParseColumn(TokenCursor cursor)
    {
        var first = cursor.Current;
        var bare = first.Kind == PatternTokenKind.Word && cursor.PeekNext.Kind is PatternTokenKind.Comma or PatternTokenKind.CloseBracket;
        if (bare)
        {
            cursor.Take();
            return first.Text == DelimitedColumn.EllipsisName
                ? new DelimitedColumn(first.Text, null)
                : new DelimitedColumn(ValidName(first.Text), null);
        }
        string? name = null;
        var condition = ConditionParser.Parse(cursor, leafCursor =>
        {
            var leafName = ValidName(leafCursor.Expect(PatternTokenKind.Word).Text);
            name ??= leafName;
            return leafName == name
                ? new FieldComparison(ValueComparison.Parse(leafCursor))
                : throw FilterPatternErrors.InvalidCharacters(leafName);
        });
        return new DelimitedColumn(name!, condition);
    }

    private static string ValidName(string name) =>
        name.All(c => char.IsLetterOrDigit(c) || c == '_') ? name : throw FilterPatternErrors.InvalidCharacters(name);
}
