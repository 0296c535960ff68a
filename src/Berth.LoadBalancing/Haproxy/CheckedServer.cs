namespace Berth.LoadBalancing.Haproxy;

/// <summary>A server with health checks, where it connects: what its line in the server-state file needs when HAProxy has not
/// seen it yet (<see cref="ServerStateFile"/>).</summary>
internal sealed record CheckedServer(ServerName Name, string Address, int Port);
