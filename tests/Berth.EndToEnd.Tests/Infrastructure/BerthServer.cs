using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit.Sdk;

namespace Berth.EndToEnd.Tests.Infrastructure;

/// <summary>One <c>berth up</c> process on loopback, ready to serve once <see cref="StartAsync"/> returns.</summary>
/// <remarks>Its stdout and stderr are captured (<see cref="Output"/>) for failure messages. Dispose kills it if it is still
/// running; <see cref="StopAsync"/> stops it the way an operator does, with SIGTERM.</remarks>
public sealed class BerthServer : IAsyncDisposable
{
    private const int PortAttempts = 3;

    private readonly BerthProcess process;
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private BerthServer(BerthServerOptions options, int port)
    {
        Options = options;
        Port = port;
        var arguments = new List<string> { "up", "--port", port.ToString(CultureInfo.InvariantCulture), "--data-dir", options.DataDir };
        if (options.AcceptAnyCredentials)
        {
            arguments.Add("--accept-any-credentials");
        }

        if (options.AccountId is not null)
        {
            arguments.AddRange(["--account-id", options.AccountId]);
        }

        if (!options.Agent)
        {
            arguments.Add("--no-agent");
        }

        if (options.CleanupWaitSeconds is { } cleanup)
        {
            arguments.AddRange(["--cleanup-wait-seconds", cleanup.ToString(CultureInfo.InvariantCulture)]);
        }

        if (options.AgentHeartbeatSeconds is { } heartbeat)
        {
            arguments.AddRange(["--agent-heartbeat-seconds", heartbeat.ToString(CultureInfo.InvariantCulture)]);
        }

        if (options.ServiceHealthySeconds is { } healthy)
        {
            arguments.AddRange(["--service-healthy-seconds", healthy.ToString(CultureInfo.InvariantCulture)]);
        }

        process = new BerthProcess(arguments, onLine: OnLine);
    }

    public BerthServerOptions Options { get; }

    public int Port { get; }

    public string CommandLine => process.CommandLine;

    public string Endpoint => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>What <c>berth env</c> printed for this server's port and data dir.</summary>
    public BerthCredentials Credentials { get; private set; } = null!;

    /// <summary>The environment the AWS CLI and boto3 use to reach this server.</summary>
    public ClientEnvironment Client { get; private set; } = null!;

    public bool HasExited => process.HasExited;

    /// <summary>Everything the server printed so far, each line marked with its stream.</summary>
    public string Output => process.Output;

    /// <summary>Starts berth and waits for its ready line, then reads its credentials with <c>berth env</c>.</summary>
    /// <param name="scratchDirectory">Where the clients' empty AWS config files go.</param>
    public static async Task<BerthServer> StartAsync(BerthServerOptions options, string scratchDirectory)
    {
        for (var attempt = 1; ; attempt++)
        {
            var server = new BerthServer(options, options.Port ?? FreePort.Next());
            var problem = await server.WaitUntilReadyAsync().ConfigureAwait(false);
            if (problem is null)
            {
                var env = await BerthExecutable.EnvAsync(server.Port, options.DataDir).ConfigureAwait(false);
                env.AssertSuccess();
                server.Credentials = BerthCredentials.Parse(env);
                server.Client = ClientEnvironment.For(server.Credentials, scratchDirectory);
                return server;
            }

            var output = server.Output;
            await server.DisposeAsync().ConfigureAwait(false);
            var portTaken = output.Contains("address already in use", StringComparison.OrdinalIgnoreCase);
            if (!(portTaken && options.Port is null && attempt < PortAttempts))
            {
                throw new XunitException($"{problem}\n$ {server.CommandLine}\n--- output ---\n{output}");
            }
        }
    }

    /// <summary>Sends SIGTERM and waits for the process to exit; returns its exit code.</summary>
    public Task<int> StopAsync(TimeSpan timeout) => process.StopAsync(timeout);

    public ValueTask DisposeAsync() => process.DisposeAsync();

    /// <summary>Null once the ready line is printed; otherwise why the server is not ready.</summary>
    private async Task<string?> WaitUntilReadyAsync()
    {
        var exited = process.StartAsync();
        var finished = await Task.WhenAny(ready.Task, exited, Task.Delay(Options.ReadyTimeout)).ConfigureAwait(false);
        if (finished == ready.Task)
        {
            return null;
        }

        return finished == exited
            ? $"berth exited with code {process.ExitCode} before printing its ready line."
            : $"berth printed no ready line within {Options.ReadyTimeout.TotalSeconds} s.";
    }

    private void OnLine(string line)
    {
        if (line.Contains("ready", StringComparison.Ordinal) && line.Contains(Endpoint, StringComparison.Ordinal))
        {
            ready.TrySetResult();
        }
    }
}
