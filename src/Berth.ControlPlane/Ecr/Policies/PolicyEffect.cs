namespace Berth.ControlPlane.Ecr.Policies;

/// <summary>A policy statement's Effect.</summary>
public enum PolicyEffect
{
    Allow,
    Deny,
}
