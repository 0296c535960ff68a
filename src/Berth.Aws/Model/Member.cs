namespace Berth.Aws.Model;

/// <summary>A member of a structure: its name in the model, the shape it targets, and its name on the wire.</summary>
public sealed record Member(string Name, Shape Target, string WireName);
