namespace Berth.ControlPlane.Logs.Filtering;

/// <summary>One token of a JSON or space-delimited pattern.</summary>
internal sealed record PatternToken(PatternTokenKind Kind, string Text);
