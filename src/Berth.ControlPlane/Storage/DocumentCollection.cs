using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Berth.State;

namespace Berth.ControlPlane.Storage;

/// <summary>Typed access to one kind of document in the store; with <paramref name="parsed"/>, a document read again at the
/// same version is not parsed again.</summary>
public sealed class DocumentCollection<T>(IStore store, string kind, JsonTypeInfo<T> typeInfo, ParsedDocuments<T>? parsed = null)
    where T : class
{
    public string Kind => kind;

    public async ValueTask<Versioned<T>?> GetAsync(string partition, string key, CancellationToken cancellationToken)
    {
        var document = await store.GetAsync(kind, partition, key, cancellationToken).ConfigureAwait(false);
        return document is null ? null : Versioned(document);
    }

    public async ValueTask<(IReadOnlyList<Versioned<T>> Items, string? NextKey)> ListAsync(
        string partition, ListQuery query, CancellationToken cancellationToken)
    {
        var page = await store.ListAsync(kind, partition, query, cancellationToken).ConfigureAwait(false);
        return (page.Items.Select(Versioned).ToArray(), page.NextKey);
    }

    /// <summary>Fills a page with documents that pass a filter, reading the store page by page so that rows filtered out
    /// don't shorten it; the key returned continues after the last row read.</summary>
    public async ValueTask<(List<Versioned<T>> Items, string? NextKey)> PageAsync(
        string partition, ListQuery query, int pageSize, Func<T, bool> filter, CancellationToken cancellationToken)
    {
        var items = new List<Versioned<T>>();
        var after = query.StartAfter;
        while (true)
        {
            var (page, nextKey) = await ListAsync(partition, query with { StartAfter = after, Limit = pageSize - items.Count }, cancellationToken)
                .ConfigureAwait(false);
            items.AddRange(page.Where(v => filter(v.Value)));
            if (nextKey is null || items.Count >= pageSize)
            {
                return (items, nextKey);
            }

            after = nextKey;
        }
    }

    /// <summary>Every document of the partition under a key prefix, page by page.</summary>
    public async IAsyncEnumerable<Versioned<T>> ScanAsync(
        string partition, string? keyPrefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (_, document) in ScanKeyedAsync(partition, cancellationToken, keyPrefix).ConfigureAwait(false))
        {
            yield return document;
        }
    }

    /// <summary>Every document of the partition under a key prefix with its key, page by page.</summary>
    public async IAsyncEnumerable<(string Key, Versioned<T> Document)> ScanKeyedAsync(
        string partition, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken, string? keyPrefix = null)
    {
        string? after = null;
        do
        {
            var page = await store.ListAsync(kind, partition, new ListQuery { KeyPrefix = keyPrefix, StartAfter = after, Limit = 500 }, cancellationToken)
                .ConfigureAwait(false);
            foreach (var document in page.Items)
            {
                yield return (document.Key, Versioned(document));
            }

            after = page.NextKey;
        }
        while (after is not null);
    }

    /// <param name="expectedVersion">0 to create only, the version read to update, null to overwrite blindly.</param>
    public PutOp Put(string partition, string key, T value, long? expectedVersion) =>
        new(kind, partition, key, JsonSerializer.Serialize(value, typeInfo), expectedVersion);

    public DeleteOp Delete(string partition, string key, long? expectedVersion) => new(kind, partition, key, expectedVersion);

    private Versioned<T> Versioned(StoredDocument document) =>
        parsed?.Get(document, Read) ?? new Versioned<T>(Read(document), document.Version);

    private T Read(StoredDocument document) => JsonSerializer.Deserialize(document.Body, typeInfo)
        ?? throw new InvalidDataException($"{kind} {document.Key} holds no value.");
}
