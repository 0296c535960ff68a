using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Tasks;

/// <summary>A berth as <c>./berth up</c> starts it for a user: control plane plus its in-process agent in cluster "default",
/// running tasks in the real Docker engine. Heartbeats every second so connection changes show quickly; stopped tasks'
/// containers are removed after <see cref="CleanupWaitSeconds"/>.</summary>
public sealed class LocalAgentFixture : BerthServerFixture
{
    public const int CleanupWaitSeconds = 3;

    protected override BerthServerOptions CreateOptions(string dataDir) =>
        new() { DataDir = dataDir, Agent = true, AgentHeartbeatSeconds = 1, CleanupWaitSeconds = CleanupWaitSeconds };

    /// <summary>Waits for the local agent to register and connect, so every test starts with a usable instance.</summary>
    protected override async Task SeedAsync()
    {
        var result = await BotoAsync("emit(connected=len(wait_connected(ecs(), 'default', 1)))").ConfigureAwait(false);
        result.Verify(j => Assert.Equal(1, j.Int("connected")));
    }
}
