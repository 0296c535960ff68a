using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Ecr;

/// <summary>A registry fixture whose server runs its local agent, so tasks pull from the registry of the same berth.</summary>
public sealed class RegistryAgentFixture : RegistryFixture
{
    protected override BerthServerOptions CreateOptions(string dataDir) => new() { DataDir = dataDir, Agent = true, AgentHeartbeatSeconds = 1 };

    /// <summary>Waits for the local agent to connect, so every test starts with a usable instance.</summary>
    protected override async Task SeedAsync()
    {
        var result = await BotoAsync("emit(connected=len(wait_connected(ecs(), 'default', 1)))").ConfigureAwait(false);
        result.Verify(j => Assert.Equal(1, j.Int("connected")));
    }
}
