namespace Berth.ControlPlane.Ecr.Policies;

/// <summary>A validated repository policy.</summary>
public sealed record RepositoryPolicy(IReadOnlyList<PolicyStatement> Statements);
