using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Agents;

/// <summary>A berth whose agent channel heartbeats every second, so silence and disconnects show within seconds.</summary>
public sealed class AgentFixture : BerthServerFixture
{
    public const int HeartbeatSeconds = 1;

    protected override BerthServerOptions CreateOptions(string dataDir) => new() { DataDir = dataDir, AgentHeartbeatSeconds = HeartbeatSeconds };
}
