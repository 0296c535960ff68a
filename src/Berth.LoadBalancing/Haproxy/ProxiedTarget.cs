namespace Berth.LoadBalancing.Haproxy;

/// <summary>The target an HAProxy server stands for.</summary>
internal sealed record ProxiedTarget(string TargetGroupArn, string TargetId, int Port);

/// <summary>An HAProxy server, as the runtime API and the statistics name it.</summary>
internal readonly record struct ServerName(string Backend, string Server);
