namespace Berth.ControlPlane.Logs.Filtering;

/// <summary>Reads a token list front to back for the recursive-descent parsers; errors name the offending token.</summary>
internal sealed class TokenCursor(List<PatternToken> tokens)
{
    private int index;

    public PatternToken Current => tokens[index];

    public PatternToken PeekNext => tokens[Math.Min(index + 1, tokens.Count - 1)];

    public PatternToken Take()
    {
        var token = tokens[index];
        if (token.Kind != PatternTokenKind.End)
        {
            index++;
        }
        return token;
    }

    public bool Accept(PatternTokenKind kind)
    {
        if (Current.Kind != kind)
        {
            return false;
        }
        Take();
        return true;
    }

    public PatternToken Expect(PatternTokenKind kind) => Current.Kind == kind ? Take() : throw Unexpected();

    /// <summary>The error for the current token; at the end of the pattern it names the last token, the one left
    /// incomplete.</summary>
    public FilterPatternException Unexpected()
    {
        var token = Current.Kind == PatternTokenKind.End && index > 0 ? tokens[index - 1] : Current;
        return FilterPatternErrors.InvalidCharacters(token.Text);
    }
}
