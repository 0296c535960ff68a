using Berth.Domain;

namespace Berth.ControlPlane.Ecs.Services;

/// <summary>One service wherever it is kept: its store partition (account/region), cluster and name.</summary>
public sealed record ServiceKey(string Partition, string Cluster, string Name)
{
    public ResourceScope Scope => Partition.Split('/') is [var account, var region]
        ? new ResourceScope(account, region)
        : throw new InvalidDataException($"Not an account/region partition: '{Partition}'.");

    public string StoreKey => EcsStore.ServiceKey(Cluster, Name);

    /// <summary>The service a store key (<c>cluster/name</c>) of a partition names.</summary>
    public static ServiceKey Of(string partition, string storeKey) =>
        storeKey.Split('/') is [var cluster, var name]
            ? new ServiceKey(partition, cluster, name)
            : throw new InvalidDataException($"Not a service key: '{storeKey}'.");

    /// <summary>The key of a stored service, from its ARN (<c>service/cluster/name</c>, the long format Berth issues).</summary>
    public static ServiceKey Of(string partition, StoredService service) =>
        Arn.TryParse(service.Service.ServiceArn, out var arn)
            ? Of(partition, arn.ResourceId)
            : throw new InvalidDataException($"A stored service has no ARN: '{service.Service.ServiceArn}'.");

    public override string ToString() => $"{Partition} {Cluster}/{Name}";
}
