using System.Runtime.InteropServices;

namespace Berth.EndToEnd.Tests.Infrastructure;

/// <summary>SIGTERM for a child process: <see cref="System.Diagnostics.Process.Kill()"/> only sends SIGKILL, which a clean-shutdown test must not use.</summary>
internal static partial class PosixSignals
{
    private const int SigTerm = 15;

    public static void Terminate(int processId)
    {
        if (Kill(processId, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({processId}, SIGTERM) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
