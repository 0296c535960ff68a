namespace Berth.LoadBalancing;

/// <summary>What the proxy's own health checks say of one target right now.</summary>
/// <param name="Reason">ELBv2's reason code for a target that is not healthy (Elb.RegistrationInProgress,
/// Target.ResponseCodeMismatch, Target.Timeout, Target.FailedHealthChecks), else null.</param>
/// <param name="Description">ELBv2's description of the reason, e.g. "Health checks failed with these codes: [500]".</param>
public sealed record TargetHealthObservation(string TargetGroupArn, string TargetId, int Port, ObservedHealth State, string? Reason, string? Description);

public enum ObservedHealth
{
    /// <summary>Registered with the proxy, not yet through enough checks to be healthy or unhealthy.</summary>
    Initial,
    Healthy,
    Unhealthy,
}

/// <summary>The data plane's answer to "how are the targets of this group?"; the ELBv2 API merges it with registrations and
/// draining to answer DescribeTargetHealth.</summary>
public interface ITargetHealthSource
{
    /// <summary>The latest observations of the group's targets (targets the proxy has not checked yet are absent).</summary>
    IReadOnlyList<TargetHealthObservation> Observe(string targetGroupArn);
}

/// <summary>Where the data plane gets the configuration it must serve; <see cref="Changed"/> wakes it.</summary>
public interface IProxyConfigurationSource
{
    ValueTask<ProxyConfiguration> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Completes when the configuration may have changed since the call (level-triggered: read again, compare).</summary>
    Task WaitForChangeAsync(CancellationToken cancellationToken);
}
