using System.Collections.Immutable;
using System.Globalization;
using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.ContainerInstances;
using Berth.ControlPlane.Placement.Engine;
using Berth.ControlPlane.Placement.Query;

namespace Berth.Benchmarks;

/// <summary>The placement issue's workload, built the same way for every run: container instances as the store holds them
/// (three availability zones, four instance types, about twenty attributes each, partly used), tasks already placed in
/// a few groups, and a request for many small tasks of one group with spread(AZ) then binpack(memory) and
/// memberOf(m5.*).</summary>
public static class PlacementWorkload
{
    public const string Group = "family:web";

    /// <summary>Each task's share: small enough that the m5 instances (three quarters of the cluster) take 10,000 of them
    /// even at 1,000 instances.</summary>
    public static readonly TaskDemand Demand = new(128, 512, 0, [], [], ["com.amazonaws.ecs.capability.docker-remote-api.1.21"]);

    /// <summary>ECS's documented order for "balance zones, then pack": spread first, binpack among the ties.</summary>
    public static readonly PlacementRules Rules = new(
        false,
        [QueryParser.Parse("attribute:ecs.instance-type =~ m5.*")],
        [new StrategyRule(StrategyKind.Spread, "attribute:ecs.availability-zone"), new StrategyRule(StrategyKind.Binpack, StrategyRule.Memory)]);

    private static readonly (string Name, int Cpu, int Memory)[] Types =
        [("m5.large", 2048, 7680), ("m5.xlarge", 4096, 15576), ("m5.2xlarge", 8192, 31512), ("c5.xlarge", 4096, 7424)];

    private static readonly string[] Zones = ["us-east-1a", "us-east-1b", "us-east-1c"];

    private static readonly string[] OtherGroups = ["service:api", "family:batch", Group];

    public static PlacementRequest Request(int count, int seed) => new(Demand, Group, Rules, count, seed);

    /// <summary><paramref name="count"/> ACTIVE, connected instances with up to half their memory already reserved, in ARN
    /// order as RunTask's scan of the store reads them.</summary>
    public static List<ContainerInstance> Instances(int count)
    {
        var random = new Random(count);
        return Enumerable.Range(0, count).Select(i =>
        {
            var (type, cpu, memory) = Types[random.Next(Types.Length)];
            var used = random.Next(0, memory / 2 / Demand.Memory);
            return new ContainerInstance
            {
                ContainerInstanceArn = $"arn:aws:ecs:us-east-1:123456789012:container-instance/bench/{Id(random)}",
                Ec2InstanceId = $"i-{i:x17}",
                Status = InstanceStatus.Active,
                AgentConnected = true,
                RunningTasksCount = used,
                RegisteredAt = DateTimeOffset.UnixEpoch.AddDays(20_000 + i),
                VersionInfo = new VersionInfo { AgentVersion = "1.89.1" },
                Attributes = Attributes(type, Zones[i % Zones.Length], i),
                RemainingResources =
                [
                    new Resource { Name = InstanceResources.Cpu, Type = InstanceResources.Integer, IntegerValue = cpu - used * Demand.Cpu },
                    new Resource { Name = InstanceResources.Memory, Type = InstanceResources.Integer, IntegerValue = memory - used * Demand.Memory },
                    new Resource { Name = InstanceResources.Ports, Type = InstanceResources.StringSet, StringSetValue = ["22", "2375", "2376", "51678", "51679"] },
                    new Resource { Name = InstanceResources.PortsUdp, Type = InstanceResources.StringSet, StringSetValue = [] },
                ],
            };
        }).OrderBy(i => i.ContainerInstanceArn, StringComparer.Ordinal).ToList();
    }

    /// <summary>A container instance id (32 hex digits, as ECS's) drawn from the workload's seeded generator, so every run
    /// builds the same cluster in the same order.</summary>
    private static string Id(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>What the instances' RunningTasksCount says is there, spread over three groups.</summary>
    public static List<ClusterSnapshot.PlacedTask> PlacedTasks(IEnumerable<ContainerInstance> instances) =>
        instances
            .SelectMany(instance => Enumerable.Range(0, instance.RunningTasksCount ?? 0)
                .Select(t => new ClusterSnapshot.PlacedTask(instance.ContainerInstanceArn!, OtherGroups[t % OtherGroups.Length])))
            .ToList();

    /// <summary>The snapshot the next RunTask would read once <paramref name="plan"/> is committed: each chosen instance
    /// with the tasks' resources taken and the group counted, the rest as they were.</summary>
    public static ClusterSnapshot Commit(ClusterSnapshot snapshot, PlacementPlan plan)
    {
        var instances = snapshot.Instances.ToBuilder();
        foreach (var chosen in plan.Placements.GroupBy(i => i))
        {
            var instance = instances[chosen.Key];
            var groups = new Dictionary<string, int>(instance.GroupCounts, StringComparer.Ordinal);
            groups[Group] = groups.GetValueOrDefault(Group) + chosen.Count();
            instances[chosen.Key] = instance with
            {
                Cpu = instance.Cpu - chosen.Count() * Demand.Cpu,
                Memory = instance.Memory - chosen.Count() * Demand.Memory,
                GroupCounts = groups,
                Facts = instance.Facts with { TaskGroups = new HashSet<string>(groups.Keys, StringComparer.Ordinal) },
            };
        }

        return new ClusterSnapshot(instances.MoveToImmutable());
    }

    /// <summary>The attributes an EC2 container instance registers with: its zone and type, the OS and network ones, and
    /// the agent's capabilities.</summary>
    private static List<Berth.Aws.Generated.Ecs.Attribute> Attributes(string type, string zone, int i)
    {
        var named = new Dictionary<string, string?>
        {
            ["ecs.availability-zone"] = zone,
            ["ecs.instance-type"] = type,
            ["ecs.os-type"] = "linux",
            ["ecs.os-family"] = "LINUX",
            ["ecs.cpu-architecture"] = "x86_64",
            ["ecs.ami-id"] = "ami-0123456789abcdef0",
            ["ecs.vpc-id"] = "vpc-0123456789abcdef0",
            ["ecs.subnet-id"] = $"subnet-{zone[^1]}{i % 4}",
            ["ecs.capability.execution-role-awslogs"] = null,
            ["ecs.capability.task-eni"] = null,
            ["ecs.capability.container-health-check"] = null,
            ["ecs.capability.secrets.ssm.environment-variables"] = null,
            ["com.amazonaws.ecs.capability.logging-driver.awslogs"] = null,
            ["com.amazonaws.ecs.capability.logging-driver.json-file"] = null,
            ["com.amazonaws.ecs.capability.privileged-container"] = null,
        };
        foreach (var version in new[] { 17, 18, 19, 20, 21, 22, 23 })
        {
            named[string.Create(CultureInfo.InvariantCulture, $"com.amazonaws.ecs.capability.docker-remote-api.1.{version}")] = null;
        }

        return named.Select(a => new Berth.Aws.Generated.Ecs.Attribute { Name = a.Key, Value = a.Value }).ToList();
    }
}
