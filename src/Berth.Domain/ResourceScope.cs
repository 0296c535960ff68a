namespace Berth.Domain;

/// <summary>An account and region: resources are kept apart per scope, as AWS keeps them apart per account and region.</summary>
public sealed record ResourceScope(string AccountId, string Region)
{
    /// <summary>The store partition that holds this scope's resources.</summary>
    public string Partition => $"{AccountId}/{Region}";
}
