namespace Berth.ControlPlane.Logs.Filtering;

/// <summary>A filter pattern that does not parse; the API turns it into InvalidParameterException with this message.</summary>
public sealed class FilterPatternException(string message) : Exception(message);
