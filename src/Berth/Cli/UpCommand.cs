using Berth.Agent.Docker;
using Berth.Agent.Host;
using Berth.Agent.Tasks;
using Berth.ControlPlane.Hosting;
using Berth.ControlPlane.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Berth.Cli;

/// <summary><c>berth up</c>: the control plane in the foreground with a local agent in cluster "default", stopped cleanly by
/// SIGINT or SIGTERM (the agent's tasks keep running and are re-attached at the next start).</summary>
public static class UpCommand
{
    public const string LocalCluster = "default";

    /// <param name="localAgent">The local agent's task settings; null runs the control plane alone (<c>--no-agent</c>).</param>
    public static async Task<int> RunAsync(ControlPlaneOptions options, TaskActorOptions? localAgent)
    {
        if (options.AcceptAnyCredentials)
        {
            await Console.Error.WriteLineAsync(
                "berth: WARNING --accept-any-credentials: requests are NOT authenticated; any access key is accepted. Use only for tests.")
                .ConfigureAwait(false);
        }

        await using var app = await ControlPlaneHost.BuildAsync(options, CancellationToken.None).ConfigureAwait(false);
        await app.StartAsync().ConfigureAwait(false);

        var endpoint = BerthCommands.EndpointUrl(options);
        var credentials = CredentialFile.LoadOrCreate(options.DataDir, options.AccountId);
        Console.Out.Write($"""
            Berth is ready at {endpoint} (data dir {options.DataDir}, account {credentials.AccountId})
            To use it from another shell:  eval "$(./berth env{EnvArguments(options)})"
            {CredentialLines(credentials, endpoint)}
            """);
        await Console.Out.FlushAsync().ConfigureAwait(false);

        // The agent stops first: its channel is a connection the server would otherwise wait for while shutting down.
        using var stopAgent = CancellationTokenSource.CreateLinkedTokenSource(app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        var agent = localAgent is null
            ? Task.CompletedTask
            : RunLocalAgentAsync(options, localAgent, credentials, endpoint, app.Services.GetRequiredService<ILoggerFactory>(), stopAgent.Token);
        await app.WaitForShutdownAsync().ConfigureAwait(false);
        await stopAgent.CancelAsync().ConfigureAwait(false);
        await agent.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return 0;
    }

    /// <summary>The agent a single-host user gets: it signs in as the account's user, keeps its identity under the data dir and
    /// never takes the control plane down with it (a failure is logged).</summary>
    private static async Task RunLocalAgentAsync(
        ControlPlaneOptions options, TaskActorOptions tasks, AccountCredentials credentials, string endpoint, ILoggerFactory loggers, CancellationToken ct)
    {
        var agentOptions = new AgentOptions
        {
            Cluster = LocalCluster,
            Endpoint = new Uri(endpoint),
            DataDir = Path.Combine(options.DataDir, "agent"),
            Region = EnvironmentExports.Region,
            AdminKey = new AccessKey(credentials.AccessKeyId, credentials.SecretAccessKey),
            Tasks = tasks,
        };
        using var docker = new DockerClient(new DockerClientOptions());
        using var http = new HttpClient();
        try
        {
            await new AgentHost(agentOptions, docker, docker, TimeProvider.System, http, loggers).RunAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            loggers.CreateLogger(typeof(UpCommand)).LogError(e, "The local agent stopped; the control plane keeps serving");
        }
    }

    /// <summary>The secret goes to a terminal only: when the output is captured (a log file, CI), only the key id is shown.</summary>
    private static string CredentialLines(AccountCredentials credentials, string endpoint) =>
        Console.IsOutputRedirected
            ? $"Access key id {credentials.AccessKeyId}; the secret is in {CredentialFile.FileName} of the data dir (berth env prints it).\n"
            : EnvironmentExports.For(credentials, endpoint);

    private static string EnvArguments(ControlPlaneOptions options) =>
        (options.Port == ControlPlaneOptions.DefaultPort ? string.Empty : $" --port {options.Port}")
        + (options.DataDir == Path.GetFullPath(ControlPlaneOptions.DefaultDataDir) ? string.Empty : $" --data-dir {options.DataDir}");
}
