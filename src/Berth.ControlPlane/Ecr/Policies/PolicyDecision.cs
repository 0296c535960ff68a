namespace Berth.ControlPlane.Ecr.Policies;

/// <summary>What a repository policy says of one request: nothing (no statement matches), allow, or an explicit deny (which
/// wins over any allow).</summary>
public enum PolicyDecision
{
    NoOpinion,
    Allow,
    Deny,
}
