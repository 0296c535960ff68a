using System.Net.Sockets;

namespace Berth.Agent.Docker.Internal;

/// <summary>An HTTP/1.1 handler whose every connection is a Unix domain socket to the engine.</summary>
internal static class UnixSocketHandler
{
    public static SocketsHttpHandler Create(string socketPath) => new()
    {
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },

        // Idle connections are cheap on a local socket; the engine closes them when it restarts.
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
    };
}
