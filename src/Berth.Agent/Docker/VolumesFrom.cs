namespace Berth.Agent.Docker;

/// <summary>Mount all volumes of another container (ECS <c>volumesFrom</c>).</summary>
public sealed record VolumesFrom(string Container, bool ReadOnly = false);
