namespace Berth.Agent.Engine;

/// <summary>One dependsOn entry: the dependent may start only once <paramref name="ContainerName"/> meets <paramref name="Condition"/>.</summary>
public sealed record ContainerDependency(string ContainerName, DependencyCondition Condition);
