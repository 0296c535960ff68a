using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Services;

/// <summary>A cluster for the service scheduler: two real <c>berth agent</c> processes in zones a and b, and a control plane
/// that counts a task without health checks healthy after <see cref="HealthyAfterSeconds"/> instead of ECS's 40, so rolling
/// deployments take seconds. Each test uses services of its own and deletes them before it ends.</summary>
public sealed class ServiceFixture : BerthServerFixture
{
    public const string Cluster = "services";
    public const string ZoneA = "zone-a";
    public const string ZoneB = "zone-b";
    public const int HealthyAfterSeconds = 2;

    private readonly List<BerthAgentProcess> agents = [];

    /// <summary>The agent in zone a.</summary>
    public string AgentA { get; private set; } = null!;

    /// <summary>The agent in zone b.</summary>
    public string AgentB { get; private set; } = null!;

    /// <summary>The agents' output, for failure messages.</summary>
    public string AgentOutput => string.Join("\n", agents.Select((a, i) => $"--- agent {(char)('a' + i)} ---\n{a.Output}"));

    protected override BerthServerOptions CreateOptions(string dataDir) =>
        new() { DataDir = dataDir, ServiceHealthySeconds = HealthyAfterSeconds };

    protected override async Task SeedAsync()
    {
        (await AwsAsync("ecs", "create-cluster", "--cluster-name", Cluster).ConfigureAwait(false)).AssertSuccess();
        agents.Add(BerthAgentProcess.Start(Server, Cluster, Path.Combine(Scratch, "agent-a"), 1024, ZoneA));
        agents.Add(BerthAgentProcess.Start(Server, Cluster, Path.Combine(Scratch, "agent-b"), 1024, ZoneB));
        var connected = await BotoAsync("emit(instances=wait_connected(ecs(), sys.argv[1], 2))", Cluster).ConfigureAwait(false);
        connected.Verify(
            j =>
            {
                var byZone = j.Items("instances").ToDictionary(
                    i => i.Items("attributes").Single(a => a.Str("name") == "ecs.availability-zone").Str("value")!,
                    i => i.Str("containerInstanceArn")!);
                (AgentA, AgentB) = (byZone[ZoneA], byZone[ZoneB]);
            },
            AgentOutput);
    }

    /// <summary>Waits until the agents have removed their tasks' containers, so runs leave nothing in Docker, then stops them.</summary>
    protected override async Task ReleaseAsync()
    {
        if (AgentA is not null)
        {
            (await BotoAsync("emit(left=wait_containers_gone(sys.argv[1:], timeout=30))", AgentA, AgentB).ConfigureAwait(false)).AssertSuccess();
        }

        foreach (var agent in agents)
        {
            await agent.DisposeAsync().ConfigureAwait(false);
        }

        agents.Clear();
    }
}
