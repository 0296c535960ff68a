namespace Berth.EndToEnd.Tests.Infrastructure;

/// <summary>Real <c>berth agent</c> processes joining one cluster of a fixture's server, one per availability zone, known
/// by their zone once connected; released by waiting until they have removed their tasks' containers, so runs leave
/// nothing in Docker.</summary>
public sealed class ZonedAgents(BerthServerFixture fixture, string cluster)
{
    private readonly List<(string Zone, BerthAgentProcess Process)> agents = [];
    private Dictionary<string, string> arnsByZone = [];

    /// <summary>The agents' output, for failure messages.</summary>
    public string Output => string.Join("\n", agents.Select(a => $"--- agent in {a.Zone} ---\n{a.Process.Output}"));

    /// <summary>The container instance ARN of the agent in <paramref name="zone"/>.</summary>
    public string this[string zone] => arnsByZone[zone];

    /// <summary>Starts one agent per zone with the memory given for it, and waits until all of them are connected.</summary>
    public async Task StartAsync(params (string Zone, int Memory)[] zones)
    {
        foreach (var (zone, memory) in zones)
        {
            agents.Add((zone, BerthAgentProcess.Start(fixture.Server, cluster, Path.Combine(fixture.Scratch, $"agent-{zone}"), memory, zone)));
        }

        var connected = await fixture.BotoAsync("emit(instances=wait_connected(ecs(), sys.argv[1], int(sys.argv[2])))", cluster, $"{zones.Length}")
            .ConfigureAwait(false);
        connected.Verify(
            j => arnsByZone = j.Items("instances").ToDictionary(
                i => i.Items("attributes").Single(a => a.Str("name") == "ecs.availability-zone").Str("value")!,
                i => i.Str("containerInstanceArn")!),
            Output);
    }

    public async Task ReleaseAsync()
    {
        if (arnsByZone.Count > 0)
        {
            (await fixture.BotoAsync("emit(left=wait_containers_gone(sys.argv[1:], timeout=30))", [.. arnsByZone.Values]).ConfigureAwait(false))
                .AssertSuccess();
        }

        foreach (var (_, process) in agents)
        {
            await process.DisposeAsync().ConfigureAwait(false);
        }

        agents.Clear();
    }
}
