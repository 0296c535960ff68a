using Berth.Domain;

namespace Berth.ControlPlane.Ecs.Services;

/// <summary>One service wherever it is kept: its store partition (account/region), cluster and name.</summary>
public sealed record ServiceKey(string Partition, string Cluster, string Name)
{
    public ResourceScope Scope => ResourceScope.OfPartition(Partition);

    public string StoreKey => EcsStore.ServiceKey(Cluster, Name);

    /// <summary>The service a store key (<c>cluster/name</c>) of a partition names.</summary>
    public static ServiceKey Of(string partition, string storeKey) =>
        storeKey.Split('/') is [var cluster, var name]
            ? new ServiceKey(partition, cluster, name)
            : throw new InvalidDataException($"Not a service key: '{storeKey}'.");

    /// <summary>The key of a stored service of a partition.</summary>
    public static ServiceKey Of(string partition, StoredService service)
    {
        var (cluster, name) = ServiceWrites.KeyOf(service);
        return new ServiceKey(partition, cluster, name);
    }

    public override string ToString() => $"{Partition} {Cluster}/{Name}";
}
