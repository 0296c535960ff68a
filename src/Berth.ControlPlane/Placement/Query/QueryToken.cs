namespace Berth.ControlPlane.Placement.Query;

/// <summary>The kinds of token the tokenizer yields; words (bare values, subjects, keyword operators) are told apart by
/// the parser, which knows where it stands.</summary>
public enum QueryTokenKind
{
    Word,
    Quoted,
    Symbol,
    OpenParen,
    CloseParen,
    OpenBracket,
    CloseBracket,
    Comma,
    End,
}

/// <summary>One token with its 0-based start offset, which error messages name.</summary>
public sealed record QueryToken(QueryTokenKind Kind, string Text, int Position)
{
    /// <summary>Whether this is the bare word or symbol given, keywords compared without case.</summary>
    public bool Is(string text) =>
        Kind is QueryTokenKind.Word or QueryTokenKind.Symbol && string.Equals(Text, text, StringComparison.OrdinalIgnoreCase);

    /// <summary>How the token reads in an error message.</summary>
    public string Describe() => Kind == QueryTokenKind.End ? "the end of the expression" : $"'{Text}'";
}
