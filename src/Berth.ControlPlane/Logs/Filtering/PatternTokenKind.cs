namespace Berth.ControlPlane.Logs.Filtering;

/// <summary>The kinds of token in JSON and space-delimited patterns.</summary>
internal enum PatternTokenKind
{
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    OpenParen,
    CloseParen,
    Comma,
    And,
    Or,
    /// <summary>A comparison: <c>= != &lt; &lt;= &gt; &gt;=</c>.</summary>
    Comparison,
    /// <summary>A <c>"…"</c> string; the token's text is its content, escapes resolved.</summary>
    Quoted,
    /// <summary>A <c>%…%</c> regular expression; the token's text is the expression.</summary>
    Regex,
    /// <summary>Anything else up to a delimiter: selectors, column names, bare values, keywords, <c>...</c>.</summary>
    Word,
    End,
}
