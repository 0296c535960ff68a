using Berth.Aws.Generated.Ecs;
using Attribute = Berth.Aws.Generated.Ecs.Attribute;

namespace Berth.ControlPlane.Tests.Ecs.ContainerInstances;

/// <summary>Registration requests shaped as the agent sends them.</summary>
public static class InstanceRequests
{
    public const string Partition = "123456789012/us-east-1";
    public const string ArnPrefix = "arn:aws:ecs:us-east-1:123456789012:container-instance/";

    public static RegisterContainerInstanceRequest Register(
        string? cluster = "prod", int cpu = 2048, int memory = 3928, List<Attribute>? attributes = null, List<Tag>? tags = null, string? arn = null,
        List<string>? gpus = null) => new()
    {
        Cluster = cluster,
        TotalResources =
        [
            new Resource { Name = "CPU", Type = "INTEGER", IntegerValue = cpu },
            new Resource { Name = "MEMORY", Type = "INTEGER", IntegerValue = memory },
            new Resource { Name = "PORTS", Type = "STRINGSET", StringSetValue = ["22", "2375", "2376", "51678", "51679"] },
            new Resource { Name = "PORTS_UDP", Type = "STRINGSET", StringSetValue = [] },
            .. gpus is null ? [] : new[] { new Resource { Name = "GPU", Type = "STRINGSET", StringSetValue = gpus } },
        ],
        VersionInfo = new VersionInfo { AgentVersion = "0.1.0", AgentHash = "berth", DockerVersion = "DockerVersion: 27.3.1" },
        Attributes = attributes ?? AgentAttributes(),
        Tags = tags,
        ContainerInstanceArn = arn,
    };

    /// <summary>The attributes a Berth agent sends, which the usual task definitions require.</summary>
    public static List<Attribute> AgentAttributes() =>
    [
        new Attribute { Name = "ecs.capability.task-eni" }, new Attribute { Name = "ecs.os-family", Value = "LINUX" },
        new Attribute { Name = "com.amazonaws.ecs.capability.docker-remote-api.1.21" },
    ];

    public static List<Attribute> Custom(int count, string prefix = "custom") =>
        Enumerable.Range(0, count).Select(i => new Attribute { Name = $"{prefix}-{i}", Value = $"v{i}" }).ToList();
}
