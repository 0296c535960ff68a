namespace Berth.ControlPlane.Ecr.Registry;

/// <summary>One error of <see cref="RegistryErrors"/>.</summary>
public sealed record RegistryErrorEntry(string Code, string Message);
