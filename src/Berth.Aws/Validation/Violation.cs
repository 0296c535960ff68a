namespace Berth.Aws.Validation;

/// <summary>One failed constraint, worded as AWS words validation errors.</summary>
/// <param name="Path">Where in the request, e.g. <c>containerDefinitions.1.member.name</c>.</param>
/// <param name="Value">The offending value as AWS prints it (<c>null</c>, <c>'text'</c>, <c>500</c>).</param>
/// <param name="Constraint">What it failed, e.g. <c>Member must not be null</c>.</param>
public sealed record Violation(string Path, string Value, string Constraint)
{
    public override string ToString() => $"Value {Value} at '{Path}' failed to satisfy constraint: {Constraint}";
}
