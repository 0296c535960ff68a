using ContainerInstance = Berth.Aws.Generated.Ecs.ContainerInstance;
using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Ecs.ContainerInstances;
using Berth.ControlPlane.Storage;
using Berth.Domain;

namespace Berth.ControlPlane.Agents;

/// <summary>Keeps a container instance's <c>agentConnected</c> true while at least one channel of it is open.</summary>
/// <remarks>Connections are counted per instance, so a reconnect that overlaps the old connection's close does not leave
/// the instance marked disconnected. Updates are serialized (they are rare: one per connect and disconnect).</remarks>
public sealed class AgentPresence(EcsStore ecs)
{
    private readonly Dictionary<string, int> open = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Whether the instance is registered (ACTIVE or DRAINING), as a channel needs it to be.</summary>
    public async Task<bool> IsRegisteredAsync(string containerInstanceArn, CancellationToken cancellationToken)
    {
        var (partition, key) = Locate(containerInstanceArn);
        var instance = await ecs.ContainerInstances.GetAsync(partition, key, cancellationToken).ConfigureAwait(false);
        return instance is not null && InstanceStatus.IsRegistered(instance.Value.Status);
    }

    public async Task ConnectedAsync(string containerInstanceArn, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            open[containerInstanceArn] = open.GetValueOrDefault(containerInstanceArn) + 1;
            await SetAsync(containerInstanceArn, connected: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>At startup, before the edge serves: no channel survives a restart, so every instance still stored as
    /// connected is marked disconnected (with a version bump), in every account and region.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        foreach (var partition in await ecs.Store.ListPartitionsAsync(ecs.ContainerInstances.Kind, cancellationToken).ConfigureAwait(false))
        {
            await foreach (var instance in ecs.ContainerInstances.ScanAsync(partition, keyPrefix: null, cancellationToken).ConfigureAwait(false))
            {
                if (instance.Value.AgentConnected == true)
                {
                    await SetAsync(instance.Value.ContainerInstanceArn!, connected: false, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>Not cancellable: a closed connection must always be recorded.</summary>
    public async Task DisconnectedAsync(string containerInstanceArn)
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var remaining = open.GetValueOrDefault(containerInstanceArn) - 1;
            if (remaining > 0)
            {
                open[containerInstanceArn] = remaining;
                return;
            }

            open.Remove(containerInstanceArn);
            await SetAsync(containerInstanceArn, connected: false, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    // A deregistered instance keeps agentConnected false (Deregister sets it); only registered instances are marked.
    private async Task SetAsync(string containerInstanceArn, bool connected, CancellationToken cancellationToken)
    {
        var (partition, key) = Locate(containerInstanceArn);
        await Optimistic.RetryAsync(async () =>
        {
            var current = await ecs.ContainerInstances.GetAsync(partition, key, cancellationToken).ConfigureAwait(false);
            if (current is null || current.Value.AgentConnected == connected || (connected && !InstanceStatus.IsRegistered(current.Value.Status)))
            {
                return false;
            }

            ContainerInstance changed = InstanceVersion.Bump(current.Value with { AgentConnected = connected });
            await ecs.Store.ApplyAsync([ecs.ContainerInstances.Put(partition, key, changed, current.Version)], cancellationToken).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
    }

    private static (string Partition, string Key) Locate(string containerInstanceArn)
    {
        var (scope, cluster, id) = EcsArns.ParseLong(containerInstanceArn);
        return (scope.Partition, EcsStore.ContainerInstanceKey(cluster, id));
    }
}
