namespace Berth.LoadBalancing.Haproxy;

/// <summary>A configuration's HAProxy text, the map from its servers back to the targets they stand for (fail-open twins are
/// not in it), and the servers with health checks, which start DOWN when HAProxy has not seen them before.</summary>
internal sealed record RenderedProxy(string Text, IReadOnlyDictionary<ServerName, ProxiedTarget> Servers, IReadOnlyList<CheckedServer> CheckedServers);
