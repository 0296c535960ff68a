using System.Globalization;

namespace Berth.EndToEnd.Tests.Infrastructure;

/// <summary>One <c>berth agent</c> process joining a cluster of a running berth, authenticated with the server's credentials
/// from the environment, as a user on a second host starts it. Stopping it (SIGTERM) leaves its tasks running. Stopped tasks'
/// containers are removed after a few seconds, so test runs leave nothing behind.</summary>
public sealed class BerthAgentProcess : IAsyncDisposable
{
    private readonly BerthProcess process;

    private BerthAgentProcess(BerthProcess process) => this.process = process;

    public string Output => process.Output;

    /// <summary>Starts the agent; callers wait for its instance to show connected.</summary>
    /// <param name="memory">The MiB it registers (<c>--memory</c>); the host's when null.</param>
    /// <param name="availabilityZone">Its <c>ecs.availability-zone</c> attribute (<c>--availability-zone</c>); none when null.</param>
    public static BerthAgentProcess Start(BerthServer server, string cluster, string dataDir, int? memory = null, string? availabilityZone = null)
    {
        var arguments = new List<string> { "agent", "--cluster", cluster, "--endpoint", server.Endpoint, "--data-dir", dataDir, "--cleanup-wait-seconds", "3" };
        if (memory is { } mib)
        {
            arguments.AddRange(["--memory", mib.ToString(CultureInfo.InvariantCulture)]);
        }

        if (availabilityZone is not null)
        {
            arguments.AddRange(["--availability-zone", availabilityZone]);
        }

        var agent = new BerthAgentProcess(new BerthProcess(arguments, server.Client.Variables));
        _ = agent.process.StartAsync();
        return agent;
    }

    public Task<int> StopAsync(TimeSpan timeout) => process.StopAsync(timeout);

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
