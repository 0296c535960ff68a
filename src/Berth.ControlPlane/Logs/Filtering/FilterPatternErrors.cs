namespace Berth.ControlPlane.Logs.Filtering;

/// <summary>The message CloudWatch Logs gives for a malformed filter pattern, worded once: it names the offending term.</summary>
internal static class FilterPatternErrors
{
    public static FilterPatternException InvalidCharacters(string term) => new($"Invalid character(s) in term '{term}'");
}
