namespace Berth.ControlPlane.Elb.Listeners;

/// <summary>Whether a port on this machine is free for a new listener (injected, so tests do not depend on the machine's ports).</summary>
public interface IPortProbe
{
    bool IsFree(int port);
}
