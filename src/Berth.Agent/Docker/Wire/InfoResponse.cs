namespace Berth.Agent.Docker.Wire;

/// <summary>GET /info, the members the agent uses.</summary>
internal sealed record InfoResponse
{
    public string? ID { get; init; }
    public string? Name { get; init; }
    public string? ServerVersion { get; init; }
    public string? OperatingSystem { get; init; }
    public string? OSType { get; init; }
    public string? Architecture { get; init; }
    public string? KernelVersion { get; init; }
    public int NCPU { get; init; }
    public long MemTotal { get; init; }
    public string? LoggingDriver { get; init; }
    public string? CgroupDriver { get; init; }
    public string? CgroupVersion { get; init; }
    public string? Driver { get; init; }
    public InfoPlugins? Plugins { get; init; }

    public sealed record InfoPlugins
    {
        public List<string>? Volume { get; init; }
        public List<string>? Network { get; init; }
        public List<string>? Log { get; init; }
    }
}
