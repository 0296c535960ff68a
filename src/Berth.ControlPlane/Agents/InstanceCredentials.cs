using Berth.ControlPlane.Storage;
using Berth.State;

namespace Berth.ControlPlane.Agents;

/// <summary>The stored instance keys (partition: the account id, key: the access key id).</summary>
public sealed class InstanceCredentials(IStore store)
{
    public const string Kind = "iam.instance-credential";

    public IStore Store => store;

    public DocumentCollection<InstanceCredential> Documents { get; } = new(store, Kind, StoredJsonContext.Default.InstanceCredential);

    /// <summary>Fills the cache with every key of the account; called once before the edge serves.</summary>
    public async Task LoadAsync(string accountId, InstanceCredentialCache cache, CancellationToken cancellationToken)
    {
        await foreach (var stored in Documents.ScanAsync(accountId, keyPrefix: null, cancellationToken).ConfigureAwait(false))
        {
            cache.Add(stored.Value);
        }
    }
}
