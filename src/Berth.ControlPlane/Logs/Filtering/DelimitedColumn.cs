namespace Berth.ControlPlane.Logs.Filtering;

/// <summary>One entry of a space-delimited pattern: a named field with an optional condition, or the ellipsis
/// <c>...</c> that stands for any number of fields (none included).</summary>
internal sealed record DelimitedColumn(string Name, Condition<string>? Condition)
{
    public const string EllipsisName = "...";

    public bool IsEllipsis => Name == EllipsisName;

    public bool Accepts(string field) => Condition is null || Condition.IsSatisfiedBy(field);
}
