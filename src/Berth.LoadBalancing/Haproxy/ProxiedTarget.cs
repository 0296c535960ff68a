namespace Berth.LoadBalancing.Haproxy;

/// <summary>The target an HAProxy server stands for.</summary>
/// <param name="UnhealthyAfter">How long a new target may fail its checks and still be initial: ELBv2 needs UnhealthyThreshold
/// failures in a row, the first one included, so (threshold − 1) intervals.</param>
internal sealed record ProxiedTarget(string TargetGroupArn, string TargetId, int Port, TimeSpan UnhealthyAfter = default);

/// <summary>An HAProxy server, as the runtime API and the statistics name it.</summary>
internal readonly record struct ServerName(string Backend, string Server);
