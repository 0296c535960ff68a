using System.Net.Sockets;
using System.Text;

namespace Berth.LoadBalancing.Haproxy;

/// <summary>One command on one of HAProxy's Unix sockets (the worker's runtime API or the master's CLI). Each command is
/// followed by <c>quit</c>: the master's CLI in HAProxy 2.6 otherwise keeps the connection open after answering.</summary>
internal static class HaproxyCli
{
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(5);

    public static async Task<string> SendAsync(string socketPath, string command, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CommandTimeout);
        using var socket = await ConnectAndSendAsync(socketPath, command + "; quit", timeout.Token);
        using var answer = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
        {
            answer.Write(buffer, 0, read);
        }

        return Encoding.UTF8.GetString(answer.GetBuffer(), 0, (int)answer.Length);
    }

    /// <summary>Sends a command without waiting for an answer: the master's <c>reload</c> re-executes the master, which
    /// answers nothing.</summary>
    public static async Task SendOnlyAsync(string socketPath, string command, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CommandTimeout);
        using var socket = await ConnectAndSendAsync(socketPath, command, timeout.Token);
    }

    private static async Task<Socket> ConnectAndSendAsync(string socketPath, string line, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
            await socket.SendAsync(Encoding.ASCII.GetBytes(line + "\n"), SocketFlags.None, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
