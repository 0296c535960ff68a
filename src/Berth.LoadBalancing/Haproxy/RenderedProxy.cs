namespace Berth.LoadBalancing.Haproxy;

/// <summary>A configuration's HAProxy text and the map from its servers back to the targets they stand for.</summary>
internal sealed record RenderedProxy(string Text, IReadOnlyDictionary<ServerName, ProxiedTarget> Servers);
