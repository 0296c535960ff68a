namespace Berth.ControlPlane.Elb;

/// <summary>A registered target (kind <c>elb.target</c>, key <c>group-name/id/port</c>).</summary>
/// <param name="DrainingSince">When DeregisterTargets started draining it; it leaves the group after the group's
/// deregistration delay.</param>
public sealed record StoredTarget(string Id, int Port, string? AvailabilityZone, DateTimeOffset RegisteredAt, DateTimeOffset? DrainingSince)
{
    /// <summary>Whether the target's draining has run its course at <paramref name="now"/> (it is gone for every reader).</summary>
    public bool Gone(DateTimeOffset now, int deregistrationDelaySeconds) =>
        DrainingSince is { } since && now >= since.AddSeconds(deregistrationDelaySeconds);
}
