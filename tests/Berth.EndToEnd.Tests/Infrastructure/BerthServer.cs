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

    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly Lock outputLock = new();
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

        if (options.AgentHeartbeatSeconds is { } heartbeat)
        {
            arguments.AddRange(["--agent-heartbeat-seconds", heartbeat.ToString(CultureInfo.InvariantCulture)]);
        }

        CommandLine = $"berth {string.Join(' ', arguments)}";
        process = new Process { StartInfo = BerthExecutable.StartInfo(arguments), EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data, "out");
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, "err");
    }

    public BerthServerOptions Options { get; }

    public int Port { get; }

    public string CommandLine { get; }

    public string Endpoint => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>What <c>berth env</c> printed for this server's port and data dir.</summary>
    public BerthCredentials Credentials { get; private set; } = null!;

    /// <summary>The environment the AWS CLI and boto3 use to reach this server.</summary>
    public ClientEnvironment Client { get; private set; } = null!;

    public bool HasExited => process.HasExited;

    /// <summary>Everything the server printed so far, each line marked with its stream.</summary>
    public string Output
    {
        get
        {
            lock (outputLock)
            {
                return output.ToString();
            }
        }
    }

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
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        PosixSignals.Terminate(process.Id);
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new XunitException($"berth did not exit within {timeout.TotalSeconds} s of SIGTERM.\n$ {CommandLine}\n--- output ---\n{Output}");
        }

        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started: nothing to stop.
        }

        process.Dispose();
    }

    /// <summary>Null once the ready line is printed; otherwise why the server is not ready.</summary>
    private async Task<string?> WaitUntilReadyAsync()
    {
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var finished = await Task.WhenAny(ready.Task, exited, Task.Delay(Options.ReadyTimeout)).ConfigureAwait(false);
        if (finished == ready.Task)
        {
            return null;
        }

        return finished == exited
            ? $"berth exited with code {process.ExitCode} before printing its ready line."
            : $"berth printed no ready line within {Options.ReadyTimeout.TotalSeconds} s.";
    }

    private void OnLine(string? line, string stream)
    {
        if (line is null)
        {
            return;
        }

        lock (outputLock)
        {
            output.Append('[').Append(stream).Append("] ").AppendLine(line);
        }

        if (line.Contains("ready", StringComparison.Ordinal) && line.Contains(Endpoint, StringComparison.Ordinal))
        {
            ready.TrySetResult();
        }
    }
}
