using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Berth.LoadBalancing.Haproxy;

/// <summary>Runs the one HAProxy process of all load balancers, in master-worker mode: checks every new configuration with
/// <c>haproxy -c</c> before using it, reloads seamlessly through the master's CLI (the new worker takes the listening sockets
/// over from the old one, which finishes its open requests), restarts the process when it dies and stops it on shutdown.
/// Callers are serialized: one apply, restart or stop at a time.</summary>
internal sealed partial class HaproxySupervisor(HaproxyPaths paths, string executable, TimeProvider time, ILogger<HaproxySupervisor> logger)
    : IAsyncDisposable
{
    private const int SigTerm = 15;
    private const string ShowServersState = "show servers state";
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(50);

    private readonly SemaphoreSlim gate = new(1, 1);
    private Process? master;
    private bool stopped;

    /// <summary>The checked servers of the configuration file, for the state a restart after a crash loads.</summary>
    private IReadOnlyList<CheckedServer> checkedServers = [];

    /// <summary>The master process while it runs (what an operator would signal).</summary>
    public int? MasterProcessId => master is { HasExited: false } running ? running.Id : null;

    /// <summary>Serves <paramref name="rendered"/> from now on: starts HAProxy, or reloads it. Servers HAProxy has not had
    /// before start DOWN (<see cref="ServerStateFile"/>); the others keep their state.</summary>
    /// <returns>false when HAProxy rejects the configuration; the previous one keeps serving.</returns>
    public async Task<bool> ApplyAsync(RenderedProxy rendered, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (stopped)
            {
                return false;
            }

            Directory.CreateDirectory(paths.Directory);
            await File.WriteAllTextAsync(paths.CandidateFile, rendered.Text, cancellationToken);
            var (valid, output) = await RunCheckAsync(cancellationToken);
            if (!valid)
            {
                LogRejected(logger, output);
                return false;
            }

            File.Move(paths.CandidateFile, paths.ConfigFile, overwrite: true);
            checkedServers = rendered.CheckedServers;
            if (master is { HasExited: false })
            {
                await ReloadAsync(cancellationToken);
            }
            else
            {
                await StartAsync(cancellationToken);
            }

            return true;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Stops HAProxy (its workers finish at once) and does not restart it again.</summary>
    public async Task StopAsync()
    {
        await gate.WaitAsync();
        try
        {
            stopped = true;
            if (master is { HasExited: false } running)
            {
                await SaveStateBeforeStopAsync();
                await TerminateAsync(running);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        master?.Dispose();
    }

    private async Task<(bool Valid, string Output)> RunCheckAsync(CancellationToken cancellationToken)
    {
        using var check = Process.Start(new ProcessStartInfo(executable, ["-c", "-q", "-f", paths.CandidateFile])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = check.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = check.StandardError.ReadToEndAsync(cancellationToken);
        await check.WaitForExitAsync(cancellationToken);
        return (check.ExitCode == 0, (await output + await errors).Trim());
    }

    /// <summary>Starts the master (gate held) and waits until its worker answers on the runtime API.</summary>
    private async Task StartAsync(CancellationToken cancellationToken)
    {
        await StopLeftoverAsync();
        await WriteServerStateAsync(saved: null, cancellationToken);
        File.Delete(paths.AdminSocket);
        File.Delete(paths.MasterSocket);
        var started = new Process
        {
            StartInfo = new ProcessStartInfo(executable, ["-W", "-S", paths.MasterSocket + ",mode,600", "-f", paths.ConfigFile, "-p", paths.PidFile])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            },
            EnableRaisingEvents = true,
        };
        started.OutputDataReceived += (_, line) => Relay(line.Data);
        started.ErrorDataReceived += (_, line) => Relay(line.Data);
        started.Start();
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        master = started;
        LogStarted(logger, started.Id);
        _ = WatchAsync(started);
        if (!await WaitUntilAsync(async () => await TryAsync(paths.AdminSocket, "show info") is not null, cancellationToken))
        {
            LogNotReady(logger, ReadyTimeout.TotalSeconds);
        }
    }

    /// <summary>Saves the servers' states for the next worker, asks the master to reload and waits for the new worker.</summary>
    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await WriteServerStateAsync(await TryAsync(paths.AdminSocket, ShowServersState), cancellationToken);
        var before = await CurrentWorkerAsync();
        await HaproxyCli.SendOnlyAsync(paths.MasterSocket, "reload", cancellationToken);
        if (!await WaitUntilAsync(async () => await CurrentWorkerAsync() is { } worker && worker != before, cancellationToken))
        {
            LogNotReady(logger, ReadyTimeout.TotalSeconds);
        }
    }

    /// <summary>Writes the state file the next worker loads: <paramref name="saved"/> (or, when the worker did not answer,
    /// the file already there) with every checked server it lacks seeded DOWN.</summary>
    private async Task WriteServerStateAsync(string? saved, CancellationToken cancellationToken)
    {
        saved ??= File.Exists(paths.ServerStateFile) ? await File.ReadAllTextAsync(paths.ServerStateFile, cancellationToken) : null;
        var candidate = paths.ServerStateFile + ".new";
        await File.WriteAllTextAsync(candidate, ServerStateFile.Seed(saved, checkedServers), cancellationToken);
        File.Move(candidate, paths.ServerStateFile, overwrite: true);
    }

    /// <summary>Saves the servers' states, so the next start (Berth restarting) keeps them instead of checking every server
    /// from DOWN; a failure only costs that, never the stop.</summary>
    private async Task SaveStateBeforeStopAsync()
    {
        try
        {
            await WriteServerStateAsync(await TryAsync(paths.AdminSocket, ShowServersState), CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogStateNotSaved(logger, e);
        }
    }

    /// <summary>The current worker's process id, from the master's <c>show proc</c> (first line under "# workers").</summary>
    private async Task<string?> CurrentWorkerAsync()
    {
        var processes = await TryAsync(paths.MasterSocket, "show proc");
        var lines = processes?.Split('\n') ?? [];
        var workers = Array.FindIndex(lines, l => l.StartsWith("# workers", StringComparison.Ordinal));
        return workers >= 0 && workers + 1 < lines.Length && lines[workers + 1].Contains("worker", StringComparison.Ordinal)
            ? lines[workers + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]
            : null;
    }

    /// <summary>Restarts HAProxy when it exits without being asked to (killed, crashed), after a short pause.</summary>
    private async Task WatchAsync(Process watched)
    {
        await watched.WaitForExitAsync();
        await gate.WaitAsync();
        try
        {
            if (stopped || master != watched)
            {
                return;
            }

            LogExited(logger, watched.Id, watched.ExitCode);
            await Task.Delay(RestartDelay, time);
            await StartAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            LogRestartFailed(logger, e);
            master = null;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>A process left by an earlier run that died without stopping HAProxy holds the ports: it goes first.</summary>
    private async Task StopLeftoverAsync()
    {
        if (!File.Exists(paths.PidFile) || !int.TryParse(File.ReadAllText(paths.PidFile).Trim(), out var pid))
        {
            return;
        }

        try
        {
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline");
            if (commandLine.Contains(paths.ConfigFile, StringComparison.Ordinal) && pid != master?.Id)
            {
                using var leftover = Process.GetProcessById(pid);
                await TerminateAsync(leftover);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // gone already
        }
    }

    /// <summary>SIGTERM (the master stops its workers), then the whole tree killed if it lingers.</summary>
    private async Task TerminateAsync(Process running)
    {
        _ = Kill(running.Id, SigTerm);
        using var grace = new CancellationTokenSource(StopGrace, time);
        try
        {
            await running.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            running.Kill(entireProcessTree: true);
            await running.WaitForExitAsync();
        }

        LogStopped(logger, running.Id);
    }

    private async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, CancellationToken cancellationToken)
    {
        var deadline = time.GetTimestamp() + (long)(ReadyTimeout.TotalSeconds * time.TimestampFrequency);
        while (time.GetTimestamp() < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(ProbeInterval, time, cancellationToken);
        }

        return false;
    }

    private static async Task<string?> TryAsync(string socket, string command)
    {
        try
        {
            return await HaproxyCli.SendAsync(socket, command, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or OperationCanceledException)
        {
            return null;
        }
    }

    private void Relay(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.Contains("[ALERT]", StringComparison.Ordinal))
        {
            LogAlert(logger, line);
        }
        else
        {
            LogOutput(logger, line);
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [LoggerMessage(Level = LogLevel.Information, Message = "HAProxy started (master process {ProcessId})")]
    private static partial void LogStarted(ILogger logger, int processId);

    [LoggerMessage(Level = LogLevel.Information, Message = "HAProxy stopped (master process {ProcessId})")]
    private static partial void LogStopped(ILogger logger, int processId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "HAProxy (master process {ProcessId}) exited with status {ExitCode}; restarting it")]
    private static partial void LogExited(ILogger logger, int processId, int exitCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "HAProxy could not be restarted; the next configuration change tries again")]
    private static partial void LogRestartFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "HAProxy rejected the rendered configuration; the previous one keeps serving: {Output}")]
    private static partial void LogRejected(ILogger logger, string output);

    [LoggerMessage(Level = LogLevel.Warning, Message = "HAProxy's server states could not be saved before stopping; the next start checks every target from DOWN")]
    private static partial void LogStateNotSaved(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "HAProxy's worker did not answer within {Seconds} s of a start or reload")]
    private static partial void LogNotReady(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "haproxy: {Line}")]
    private static partial void LogAlert(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Debug, Message = "haproxy: {Line}")]
    private static partial void LogOutput(ILogger logger, string line);
}
