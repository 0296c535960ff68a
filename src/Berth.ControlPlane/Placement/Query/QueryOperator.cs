namespace Berth.ControlPlane.Placement.Query;

/// <summary>The comparison operators; each negated one is the complement of its positive twin over present values.</summary>
public enum QueryOperator
{
    Equals,
    NotEquals,
    GreaterThan,
    GreaterThanEqual,
    LessThan,
    LessThanEqual,
    Exists,
    NotExists,
    In,
    NotIn,
    Matches,
    NotMatches,
}

/// <summary>Both spellings of each operator, and what an operator needs after it.</summary>
public static class QueryOperators
{
    private static readonly Dictionary<string, QueryOperator> BySpelling = new(StringComparer.OrdinalIgnoreCase)
    {
        ["=="] = QueryOperator.Equals, ["equals"] = QueryOperator.Equals,
        ["!="] = QueryOperator.NotEquals, ["not_equals"] = QueryOperator.NotEquals,
        [">"] = QueryOperator.GreaterThan, ["greater_than"] = QueryOperator.GreaterThan,
        [">="] = QueryOperator.GreaterThanEqual, ["greater_than_equal"] = QueryOperator.GreaterThanEqual,
        ["<"] = QueryOperator.LessThan, ["less_than"] = QueryOperator.LessThan,
        ["<="] = QueryOperator.LessThanEqual, ["less_than_equal"] = QueryOperator.LessThanEqual,
        ["exists"] = QueryOperator.Exists, ["!exists"] = QueryOperator.NotExists, ["not_exists"] = QueryOperator.NotExists,
        ["in"] = QueryOperator.In, ["!in"] = QueryOperator.NotIn, ["not_in"] = QueryOperator.NotIn,
        ["=~"] = QueryOperator.Matches, ["matches"] = QueryOperator.Matches,
        ["!~"] = QueryOperator.NotMatches, ["not_matches"] = QueryOperator.NotMatches,
    };

    public static QueryOperator? Parse(string spelling) => BySpelling.TryGetValue(spelling, out var op) ? op : null;

    /// <summary>The canonical spelling, used when an expression is rendered back.</summary>
    public static string Spell(this QueryOperator op) => op switch
    {
        QueryOperator.Equals => "==",
        QueryOperator.NotEquals => "!=",
        QueryOperator.GreaterThan => ">",
        QueryOperator.GreaterThanEqual => ">=",
        QueryOperator.LessThan => "<",
        QueryOperator.LessThanEqual => "<=",
        QueryOperator.Exists => "exists",
        QueryOperator.NotExists => "!exists",
        QueryOperator.In => "in",
        QueryOperator.NotIn => "!in",
        QueryOperator.Matches => "=~",
        _ => "!~",
    };

    public static bool TakesList(this QueryOperator op) => op is QueryOperator.In or QueryOperator.NotIn;

    public static bool TakesNothing(this QueryOperator op) => op is QueryOperator.Exists or QueryOperator.NotExists;

    public static bool TakesPattern(this QueryOperator op) => op is QueryOperator.Matches or QueryOperator.NotMatches;
}
