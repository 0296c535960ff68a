namespace Berth.ControlPlane.Logs.Filtering;

/// <summary>A comparison and its value, as in <c>&gt;= 400</c> or <c>= "Describe*"</c>.</summary>
internal sealed record ValueComparison(ComparisonOperator Operator, PatternValue Value)
{
    public bool Matches(string text) => Value.Matches(Operator, text);

    /// <summary>Parses an operator and its value; strings and expressions only take <c>=</c> and <c>!=</c>.</summary>
    public static ValueComparison Parse(TokenCursor cursor)
    {
        var comparison = cursor.Current.Kind == PatternTokenKind.Comparison ? OperatorOf(cursor.Take().Text) : throw cursor.Unexpected();
        var token = cursor.Current;
        PatternValue value = token.Kind switch
        {
            PatternTokenKind.Quoted => new PatternValue.Text(token.Text),
            PatternTokenKind.Regex => new PatternValue.Expression(PatternRegex.Compile(token.Text)),
            PatternTokenKind.Word => PatternValue.FromWord(token.Text),
            _ => throw cursor.Unexpected(),
        };
        if (value is not PatternValue.Number && comparison is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual))
        {
            throw FilterPatternErrors.InvalidCharacters(token.Text);
        }
        cursor.Take();
        return new ValueComparison(comparison, value);
    }

    private static ComparisonOperator OperatorOf(string text) => text switch
    {
        "=" => ComparisonOperator.Equal,
        "!=" => ComparisonOperator.NotEqual,
        "<" => ComparisonOperator.Less,
        "<=" => ComparisonOperator.LessOrEqual,
        ">" => ComparisonOperator.Greater,
        _ => ComparisonOperator.GreaterOrEqual,
    };
}
