using System.Globalization;
using System.Reflection;
using Berth.Agent.Docker;
using Berth.AgentProtocol;
using Berth.Aws.Generated.Ecs;
using Attribute = Berth.Aws.Generated.Ecs.Attribute;

namespace Berth.Agent.Host;

/// <summary>What the agent registers: this host's share of CPU, memory and ports, and the attributes ECS's agent reports.</summary>
public static class HostRegistration
{
    /// <summary>Ports the ECS agent always reserves on an instance (SSH, Docker, the agent's own).</summary>
    public static readonly IReadOnlyList<string> ReservedPorts = ["22", "2375", "2376", "51678", "51679"];

    /// <summary>Log drivers the agent lets tasks use (see Launch/README.md), advertised when the engine has them.</summary>
    private static readonly string[] SupportedLogDrivers = ["json-file", "none", "local"];

    /// <summary>awslogs is the agent's own shipping of what Docker's json-file driver keeps, so it needs only that driver.</summary>
    private const string AwsLogsDockerDriver = "json-file";

    private static readonly Version OldestRemoteApi = new(1, 17);

    /// <summary>The features placement asks for (as ECS derives them from a task definition) that this agent runs.</summary>
    private static readonly string[] Capabilities =
    [
        "ecs.capability.container-health-check",
        "ecs.capability.container-ordering",
        "com.amazonaws.ecs.capability.privileged-container",
    ];

    public static RegisterContainerInstanceRequest Request(AgentOptions options, DockerEngineInfo engine, string? containerInstanceArn) => new()
    {
        Cluster = options.Cluster,
        ContainerInstanceArn = containerInstanceArn,
        TotalResources =
        [
            Integer("CPU", options.Cpu ?? engine.Cpus * 1024),
            Integer("MEMORY", options.Memory ?? (int)Math.Max(0, (engine.MemoryBytes / (1024 * 1024)) - options.MemoryReserveMiB)),
            new Resource { Name = "PORTS", Type = "STRINGSET", StringSetValue = [.. ReservedPorts] },
            new Resource { Name = "PORTS_UDP", Type = "STRINGSET", StringSetValue = [] },
        ],
        VersionInfo = new VersionInfo
        {
            AgentVersion = AgentVersion,
            AgentHash = "berth",
            DockerVersion = $"DockerVersion: {engine.ServerVersion}",
        },
        Attributes = Attributes(options, engine),
    };

    public static string AgentVersion =>
        typeof(HostRegistration).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private static List<Attribute> Attributes(AgentOptions options, DockerEngineInfo engine)
    {
        var attributes = new List<Attribute>
        {
            Named("ecs.os-type", "linux"),
            Named("ecs.cpu-architecture", engine.Architecture is "aarch64" or "arm64" ? "arm64" : "x86_64"),
        };
        if (options.AvailabilityZone is { Length: > 0 } zone)
        {
            attributes.Add(Named("ecs.availability-zone", zone));
        }

        if (options.InstanceType is { Length: > 0 } type)
        {
            attributes.Add(Named("ecs.instance-type", type));
        }

        for (var minor = OldestRemoteApi.Minor; minor <= engine.ApiVersion.Minor && engine.ApiVersion.Major == 1; minor++)
        {
            attributes.Add(Named(string.Create(CultureInfo.InvariantCulture, $"com.amazonaws.ecs.capability.docker-remote-api.1.{minor}"), null));
        }

        attributes.AddRange(Capabilities.Select(c => Named(c, null)));
        attributes.AddRange(SupportedLogDrivers.Where(engine.LoggingDrivers.Contains).Select(d => Named($"com.amazonaws.ecs.capability.logging-driver.{d}", null)));
        if (engine.LoggingDrivers.Contains(AwsLogsDockerDriver))
        {
            attributes.Add(Named($"com.amazonaws.ecs.capability.logging-driver.{AwsLogsOptions.Driver}", null));
        }
        return attributes;
    }

    private static Resource Integer(string name, int value) => new() { Name = name, Type = "INTEGER", IntegerValue = value };

    private static Attribute Named(string name, string? value) => new() { Name = name, Value = value };
}
