using System.Net;
using System.Net.Sockets;

namespace Berth.ControlPlane.Elb.Listeners;

/// <summary>Binds 127.0.0.1:port for a moment: a port another process holds cannot be bound, so the proxy could not listen on it.</summary>
public sealed class LoopbackPortProbe : IPortProbe
{
    public bool IsFree(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            listener.Stop();
        }
    }
}
