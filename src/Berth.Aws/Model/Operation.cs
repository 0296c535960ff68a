namespace Berth.Aws.Model;

/// <summary>An operation of a service model: its input and output shapes and the errors it may answer with.</summary>
public sealed record Operation(string Name, Shape? Input, Shape? Output, IReadOnlyList<string> Errors, string HttpMethod, string RequestUri);
