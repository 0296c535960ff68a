namespace Berth.ControlPlane.Ecr.Registry;

/// <summary>The spec's error body: <c>{"errors":[{"code":...,"message":...}]}</c>.</summary>
public sealed record RegistryErrors(List<RegistryErrorEntry> Errors);
