namespace Berth.Domain;

/// <summary>An account and region: resources are kept apart per scope, as AWS keeps them apart per account and region.</summary>
public sealed record ResourceScope(string AccountId, string Region)
{
    /// <summary>The store partition that holds this scope's resources.</summary>
    public string Partition => $"{AccountId}/{Region}";

    /// <summary>The scope a store partition holds (the inverse of <see cref="Partition"/>).</summary>
    public static ResourceScope OfPartition(string partition) => partition.Split('/') is [var account, var region]
        ? new ResourceScope(account, region)
        : throw new InvalidDataException($"Not an account/region partition: '{partition}'.");
}
