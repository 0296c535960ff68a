namespace Berth.ControlPlane.Logs.Filtering;

/// <summary>A condition on one space-delimited field, as in <c>status_code = 4*</c> or <c>bytes &gt; 1000</c>.</summary>
internal sealed record FieldComparison(ValueComparison Comparison) : Condition<string>
{
    public override bool IsSatisfiedBy(string subject) => Comparison.Matches(subject);
}
