using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Placement;

/// <summary>One cluster whose placement answers are known in advance: two real <c>berth agent</c> processes in zones a and b
/// (a registers less memory than b, so binpack has one answer), and two instances registered through the API with no agent
/// behind them, one in zone b and one in zone c, with less memory than either agent so that only their AGENT refusal keeps
/// binpack off them. The channel keeps berth's default heartbeat (30 s, silence limit 60 s): a shorter one could drop a
/// real agent on a busy machine, and a refusal of AGENT must only ever come from the instances without one.</summary>
public sealed class PlacementFixture : BerthServerFixture
{
    public const string Cluster = "placement";
    public const string ZoneA = "zone-a";
    public const string ZoneB = "zone-b";
    public const string ZoneC = "zone-c";
    public const int AgentAMemory = 512;
    public const int AgentBMemory = 1024;

    /// <summary>Less than either agent's memory, yet room for every test's tasks.</summary>
    public const int OfflineMemory = 384;

    private readonly ZonedAgents agents;

    public PlacementFixture() => agents = new ZonedAgents(this, Cluster);

    /// <summary>The agent in zone a, with <see cref="AgentAMemory"/>.</summary>
    public string AgentA => agents[ZoneA];

    /// <summary>The agent in zone b, with <see cref="AgentBMemory"/>.</summary>
    public string AgentB => agents[ZoneB];

    /// <summary>Registered through the API in zone b; no agent.</summary>
    public string OfflineB { get; private set; } = null!;

    /// <summary>Registered through the API in zone c; no agent.</summary>
    public string OfflineC { get; private set; } = null!;

    /// <summary>A short name for an instance of this cluster (agent-a, offline-c, ...), so failures read as placements.</summary>
    public string NameOf(string arn) =>
        arn == AgentA ? "agent-a" : arn == AgentB ? "agent-b" : arn == OfflineB ? "offline-b" : arn == OfflineC ? "offline-c" : arn;

    /// <summary>The agents' output, for failure messages.</summary>
    public string AgentOutput => agents.Output;

    protected override async Task SeedAsync()
    {
        (await AwsAsync("ecs", "create-cluster", "--cluster-name", Cluster).ConfigureAwait(false)).AssertSuccess();
        await agents.StartAsync((ZoneA, AgentAMemory), (ZoneB, AgentBMemory)).ConfigureAwait(false);
        var offline = await Task.WhenAll(RegisterOfflineAsync(ZoneB), RegisterOfflineAsync(ZoneC)).ConfigureAwait(false);
        (OfflineB, OfflineC) = (offline[0], offline[1]);
    }

    /// <summary>Waits until the agents have removed their tasks' containers (cleanup after 3 s), so runs leave nothing in
    /// Docker, then stops them.</summary>
    protected override Task ReleaseAsync() => agents.ReleaseAsync();

    /// <summary>RegisterContainerInstance with the administrator's key, as a script provisioning hosts might: resources and
    /// a zone, but no agent will ever connect for it.</summary>
    private async Task<string> RegisterOfflineAsync(string zone)
    {
        var registered = await AwsAsync(
            "ecs", "register-container-instance", "--cluster", Cluster,
            "--total-resources",
            $$"""[{"name":"CPU","type":"INTEGER","integerValue":2048},{"name":"MEMORY","type":"INTEGER","integerValue":{{OfflineMemory}}}]""",
            "--attributes", $$"""[{"name":"ecs.os-type","value":"linux"},{"name":"ecs.availability-zone","value":"{{zone}}"}]""").ConfigureAwait(false);
        return registered.AssertSuccess().Json.Str("containerInstance.containerInstanceArn")!;
    }
}
