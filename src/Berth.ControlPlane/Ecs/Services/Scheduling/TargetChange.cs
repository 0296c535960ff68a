using Berth.ControlPlane.Elb;

namespace Berth.ControlPlane.Ecs.Services.Scheduling;

/// <summary>A target the scheduler registers in, or deregisters from, a target group after its pass is committed.</summary>
public sealed record TargetChange(string TargetGroupArn, TargetRef Target);
