namespace Berth.ControlPlane.Elb.Listeners;

/// <summary>Decides whether a listener may take a port: free on this machine, or already served by Berth's proxy (listeners
/// of several load balancers share a port, told apart by Host).</summary>
public sealed class ListenerPorts(ElbStore store, IPortProbe probe)
{
    public async ValueTask CheckAsync(int port, CancellationToken cancellationToken)
    {
        if (!await BerthServesAsync(port, cancellationToken).ConfigureAwait(false) && !probe.IsFree(port))
        {
            throw ElbErrors.PortInUse(port);
        }
    }

    private async ValueTask<bool> BerthServesAsync(int port, CancellationToken cancellationToken)
    {
        foreach (var partition in await store.Store.ListPartitionsAsync(store.Listeners.Kind, cancellationToken).ConfigureAwait(false))
        {
            await foreach (var listener in store.Listeners.ScanAsync(partition, null, cancellationToken).ConfigureAwait(false))
            {
                if (listener.Value.Listener.Port == port)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
