using System.Net;
using System.Net.Sockets;

namespace Berth.EndToEnd.Tests.Infrastructure;

/// <summary>A loopback port nobody listens on right now (another process may still take it before berth does;
/// <see cref="BerthServer"/> retries on that).</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
