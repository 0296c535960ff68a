namespace Berth.ControlPlane.Logs.Filtering;

/// <summary>The comparisons a JSON or space-delimited condition can make.</summary>
internal enum ComparisonOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}
