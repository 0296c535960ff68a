namespace Berth.Agent.Docker;

/// <summary>A resource limit, e.g. nofile 1024/4096.</summary>
public sealed record Ulimit(string Name, long Soft, long Hard);
