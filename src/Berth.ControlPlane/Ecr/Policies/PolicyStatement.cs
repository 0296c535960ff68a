namespace Berth.ControlPlane.Ecr.Policies;

/// <summary>One statement of a repository policy, as validated by <see cref="RepositoryPolicyParser"/>.</summary>
/// <param name="Principals">"*" for everyone, else account ids and IAM/STS ARNs (from <c>Principal.AWS</c>).</param>
/// <param name="Actions">"*" or <c>ecr:</c> actions, each may hold '*' and '?' wildcards.</param>
public sealed record PolicyStatement(string? Sid, PolicyEffect Effect, IReadOnlyList<string> Principals, IReadOnlyList<string> Actions);
