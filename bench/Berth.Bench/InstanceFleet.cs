using Berth.Agent.Docker;
using Berth.Agent.Host;
using Berth.Aws.Generated.Ecs;
using Task = System.Threading.Tasks.Task;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Bench;

/// <summary>N container instances enrolled and connected through the agent's own code (InstanceEnrollment, ChannelClient),
/// each with an acknowledge-only sink instead of the task supervisor: placement sees connected agents, no container runs.</summary>
public sealed class InstanceFleet(EcsApiClient api, BenchOptions options, HttpClient http, TimeProvider time)
{
    /// <summary>CPU units and MiB each instance declares: far more than a run places, so resources never refuse a task.</summary>
    private const int Capacity = 100_000_000;

    /// <summary>What the instances report as their Docker engine; only the registration's attributes are derived from it.</summary>
    private static readonly DockerEngineInfo Engine = new()
    {
        ServerVersion = "bench",
        ServerApiVersion = new Version(1, 41),
        ApiVersion = new Version(1, 41),
        OsType = "linux",
        OperatingSystem = "bench",
        Architecture = "x86_64",
        KernelVersion = "bench",
        Cpus = 1,
        MemoryBytes = 1L << 30,
        LoggingDrivers = ["json-file"],
        DefaultLoggingDriver = "json-file",
        CgroupVersion = "2",
        Name = "bench",
    };

    private readonly List<AcknowledgingSink> sinks = [];

    public IReadOnlyList<string> Arns { get; private set; } = [];

    /// <summary>Distinct tasks delivered over all channels.</summary>
    public int Delivered => sinks.Sum(s => s.Delivered);

    /// <summary>Enrolls the instances and starts their channels; the returned task ends when <paramref name="ct"/> is cancelled.</summary>
    public async Task<Task> StartAsync(CancellationToken ct)
    {
        var channels = new List<Task>();
        var arns = new List<string>();
        for (var i = 0; i < options.Instances; i++)
        {
            var agent = new AgentOptions
            {
                Cluster = options.Cluster,
                Endpoint = options.Endpoint,
                DataDir = Path.Combine(options.WorkDir, $"instance-{i}"),
                Region = options.Region,
                AdminKey = options.Key,
                Cpu = Capacity,
                Memory = Capacity,
            };
            var enrollment = new InstanceEnrollment(api, agent, new AgentIdentityFile(agent.DataDir), NullLogger<InstanceEnrollment>.Instance);
            var identity = await enrollment.EnrollAsync(Engine, ct).ConfigureAwait(false);
            var sink = new AcknowledgingSink();
            sinks.Add(sink);
            arns.Add(identity.ContainerInstanceArn);
            var channel = new ChannelClient(new EcsApiClient(http, options.Endpoint, options.Region, time), identity, sink, new HealthBoard(), agent, time,
                NullLogger<ChannelClient>.Instance);
            channels.Add(channel.RunAsync(ct));
        }

        Arns = arns;
        await WaitConnectedAsync(ct).ConfigureAwait(false);
        return Task.WhenAll(channels);
    }

    /// <summary>Polls DescribeContainerInstances until every instance shows agentConnected, as placement requires.</summary>
    private async Task WaitConnectedAsync(CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(30);
        while (true)
        {
            var described = await api.CallAsync(
                "DescribeContainerInstances",
                new DescribeContainerInstancesRequest { Cluster = options.Cluster, ContainerInstances = [.. Arns] },
                EcsJsonContext.Default.DescribeContainerInstancesRequest,
                EcsJsonContext.Default.DescribeContainerInstancesResponse,
                options.Key,
                ct).ConfigureAwait(false);
            if (described.ContainerInstances?.Count(c => c.AgentConnected == true) == Arns.Count)
            {
                return;
            }

            if (time.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"Only some of {Arns.Count} instances connected within 30 s.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), time, ct).ConfigureAwait(false);
        }
    }
}
