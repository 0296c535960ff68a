using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Ecs.Services;
using Berth.State;

namespace Berth.ControlPlane.Controllers;

/// <summary>Which services a store change concerns: a service document its own service (unless the scheduler wrote it
/// itself); a task of group <c>service:&lt;name&gt;</c>, or its scale-in protection, that service; a container instance every service of its cluster
/// (DAEMON placement, draining, and placements that waited for capacity).</summary>
public sealed class ServiceWakeups(EcsStore store, OwnServiceWrites own)
{
    public async ValueTask<IReadOnlyList<ServiceKey>> KeysAsync(Change change, CancellationToken cancellationToken)
    {
        if (change.Kind == store.Services.Kind)
        {
            return own.IsOwn(change) ? [] : [ServiceKey.Of(change.Partition, change.Key)];
        }

        if ((change.Kind == store.Tasks.Kind && !change.Deleted) || change.Kind == store.TaskProtections.Kind)
        {
            // A protection is keyed as its task is: protecting a task or lifting it changes which tasks scale-in may stop.
            var task = await store.Tasks.GetAsync(change.Partition, change.Key, cancellationToken).ConfigureAwait(false);
            return ServiceTaskGroup.ServiceOf(task?.Value.Group) is { } name ? [new ServiceKey(change.Partition, ClusterOf(change.Key), name)] : [];
        }

        if (change.Kind == store.ContainerInstances.Kind)
        {
            return await ServicesAsync(change.Partition, EcsStore.ServicePrefix(ClusterOf(change.Key)), cancellationToken).ConfigureAwait(false);
        }

        return [];
    }

    /// <summary>Every service of every account and region: what start-up and a trimmed change feed look at.</summary>
    public async ValueTask<IReadOnlyList<ServiceKey>> AllAsync(CancellationToken cancellationToken)
    {
        var all = new List<ServiceKey>();
        foreach (var partition in await store.Store.ListPartitionsAsync(store.Services.Kind, cancellationToken).ConfigureAwait(false))
        {
            all.AddRange(await ServicesAsync(partition, null, cancellationToken).ConfigureAwait(false));
        }

        return all;
    }

    private async ValueTask<List<ServiceKey>> ServicesAsync(string partition, string? prefix, CancellationToken cancellationToken)
    {
        var keys = new List<ServiceKey>();
        await foreach (var service in store.Services.ScanAsync(partition, prefix, cancellationToken).ConfigureAwait(false))
        {
            keys.Add(ServiceKey.Of(partition, service.Value));
        }

        return keys;
    }

    /// <summary>Task, instance and service keys all start with the cluster name and a '/'.</summary>
    private static string ClusterOf(string storeKey) => storeKey[..storeKey.IndexOf('/', StringComparison.Ordinal)];
}
