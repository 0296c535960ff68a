namespace Berth.ControlPlane.Ecr.Lifecycle;

/// <summary>Which images a lifecycle rule looks at by their tags (the policy's <c>tagStatus</c>).</summary>
public enum LifecycleTagStatus
{
    Tagged,
    Untagged,
    Any,
}
