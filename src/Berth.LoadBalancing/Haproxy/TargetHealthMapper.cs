namespace Berth.LoadBalancing.Haproxy;

/// <summary>Maps HAProxy's view of a server to ELBv2's view of the target (pure; the reason strings are ELBv2's).</summary>
internal static class TargetHealthMapper
{
    public const string InitialHealthChecking = "Elb.InitialHealthChecking";
    public const string InitialHealthCheckingDescription = "Initial health checks in progress";
    public const string ResponseCodeMismatch = "Target.ResponseCodeMismatch";
    public const string Timeout = "Target.Timeout";
    public const string TimeoutDescription = "Request timed out";
    public const string FailedHealthChecks = "Target.FailedHealthChecks";
    public const string FailedHealthChecksDescription = "Health checks failed";

    /// <param name="previous">The last observation of the same target: after a reload HAProxy restores a server's state but
    /// reports its check as not yet run, which must not turn a known target back into an initial one; and while a check runs
    /// the row's code is already reset, so the last observation stands until it completes.</param>
    /// <returns>null when HAProxy's state says nothing of health (maintenance).</returns>
    public static TargetHealthObservation? Observe(ProxiedTarget target, ServerStat stat, TargetHealthObservation? previous)
    {
        TargetHealthObservation With(ObservedHealth state, string? reason = null, string? description = null) =>
            new(target.TargetGroupArn, target.TargetId, target.Port, state, reason, description);

        if (stat.Status == "no check")
        {
            return With(ObservedHealth.Healthy); // health checks disabled: traffic flows to every target
        }

        if (stat.Status.StartsWith("MAINT", StringComparison.Ordinal))
        {
            return null;
        }

        if (stat.CheckStatus is "" or "INI" || stat.CheckInProgress && previous is not null)
        {
            return previous ?? With(ObservedHealth.Initial, InitialHealthChecking, InitialHealthCheckingDescription);
        }

        // "UP 1/3" is still up (going down), "DOWN 1/2" still down (going up): HAProxy's thresholds are ELBv2's.
        if (stat.IsUp)
        {
            return With(ObservedHealth.Healthy);
        }

        // DOWN with a passing last check is on its way up ("DOWN 1/2"): a target that has not been observed healthy or
        // unhealthy is still in its initial checks (a new server starts DOWN, see ServerStateFile); an unhealthy one stays
        // unhealthy, for the reason it failed, until it is up.
        if (stat.CheckStatus is "L4OK" or "L6OK" or "L7OK" or "L7OKC")
        {
            return previous switch
            {
                null or { State: ObservedHealth.Initial } => With(ObservedHealth.Initial, InitialHealthChecking, InitialHealthCheckingDescription),
                { State: ObservedHealth.Unhealthy } => previous,
                _ => With(ObservedHealth.Unhealthy, FailedHealthChecks, FailedHealthChecksDescription),
            };
        }

        return stat.CheckStatus switch
        {
            "L7STS" => With(ObservedHealth.Unhealthy, ResponseCodeMismatch, $"Health checks failed with these codes: [{stat.CheckCode}]"),
            "L4TOUT" or "L6TOUT" or "L7TOUT" => With(ObservedHealth.Unhealthy, Timeout, TimeoutDescription),
            _ => With(ObservedHealth.Unhealthy, FailedHealthChecks, FailedHealthChecksDescription),
        };
    }

    /// <summary>ELBv2 keeps a new target initial until it has failed UnhealthyThreshold checks in a row; HAProxy reads a new
    /// server (which starts DOWN, see ServerStateFile) as failed at its first failed check and keeps no count below DOWN. So a
    /// target not yet seen healthy or unhealthy stays initial until it has been failing for
    /// <see cref="ProxiedTarget.UnhealthyAfter"/>.</summary>
    /// <param name="failingSince">When this initial target was first seen failing, or null.</param>
    /// <returns>What to report, and when the failure being held started (null when none is held).</returns>
    public static (TargetHealthObservation Observation, DateTimeOffset? FailingSince) HoldInitial(
        ProxiedTarget target, TargetHealthObservation observed, TargetHealthObservation? previous, DateTimeOffset? failingSince, DateTimeOffset now)
    {
        if (observed.State != ObservedHealth.Unhealthy || previous is { State: not ObservedHealth.Initial })
        {
            return (observed, null);
        }

        var since = failingSince ?? now;
        return now - since < target.UnhealthyAfter
            ? (new(target.TargetGroupArn, target.TargetId, target.Port, ObservedHealth.Initial, InitialHealthChecking, InitialHealthCheckingDescription), since)
            : (observed, null);
    }
}
