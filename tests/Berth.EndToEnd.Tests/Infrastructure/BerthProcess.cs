using System.Diagnostics;
using System.Text;
using Xunit.Sdk;

namespace Berth.EndToEnd.Tests.Infrastructure;

/// <summary>A long-running berth command (<c>up</c>, <c>agent</c>) whose output is captured for failure messages; stopped the
/// way an operator stops it (SIGTERM), killed on dispose if still running.</summary>
public sealed class BerthProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly Lock outputLock = new();

    /// <param name="onLine">Sees every line as it arrives (e.g. to notice a ready line).</param>
    public BerthProcess(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, Action<string>? onLine = null)
    {
        CommandLine = $"berth {string.Join(' ', arguments)}";
        var startInfo = BerthExecutable.StartInfo(arguments);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            startInfo.Environment[name] = value;
        }

        process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data, "out", onLine);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, "err", onLine);
    }

    public string CommandLine { get; }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>Everything the process printed so far, each line marked with its stream.</summary>
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

    /// <summary>Starts the process; the returned task completes when it exits.</summary>
    public Task StartAsync()
    {
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process.WaitForExitAsync();
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
            throw new XunitException($"{CommandLine} did not exit within {timeout.TotalSeconds} s of SIGTERM.\n--- output ---\n{Output}");
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

    private void OnLine(string? line, string stream, Action<string>? onLine)
    {
        if (line is null)
        {
            return;
        }

        lock (outputLock)
        {
            output.Append('[').Append(stream).Append("] ").AppendLine(line);
        }

        onLine?.Invoke(line);
    }
}
