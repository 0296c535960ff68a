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

    private readonly ZonedAgents agents;

    public ServiceFixture() => agents = new ZonedAgents(this, Cluster);

    /// <summary>The agent in zone a.</summary>
    public string AgentA => agents[ZoneA];

    /// <summary>The agent in zone b.</summary>
    public string AgentB => agents[ZoneB];

    /// <summary>The agents' output, for failure messages.</summary>
    public string AgentOutput => agents.Output;

    protected override BerthServerOptions CreateOptions(string dataDir) =>
        new() { DataDir = dataDir, ServiceHealthySeconds = HealthyAfterSeconds };

    protected override async Task SeedAsync()
    {
        (await AwsAsync("ecs", "create-cluster", "--cluster-name", Cluster).ConfigureAwait(false)).AssertSuccess();
        await agents.StartAsync((ZoneA, 1024), (ZoneB, 1024)).ConfigureAwait(false);
    }

    protected override Task ReleaseAsync() => agents.ReleaseAsync();
}
