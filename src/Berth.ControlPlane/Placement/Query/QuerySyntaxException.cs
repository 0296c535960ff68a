namespace Berth.ControlPlane.Placement.Query;

/// <summary>A malformed query expression: where (0-based character offset) and what was expected, so callers can word
/// their own InvalidParameterException around it.</summary>
public sealed class QuerySyntaxException(int position, string problem)
    : Exception($"at position {position}: {problem}")
{
    public int Position { get; } = position;

    public string Problem { get; } = problem;

    /// <summary>The caller's wording, e.g. "Invalid filter expression at position 17: expected an operator ...".</summary>
    public string Describe(string what) => $"Invalid {what} {Message}";
}
