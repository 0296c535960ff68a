using System.Collections.Concurrent;
using Berth.State;

namespace Berth.ControlPlane.Storage;

/// <summary>Documents already parsed, by address and version: readers that scan the same documents again and again (each
/// service scheduler pass reads its cluster's tasks) parse only the ones that changed. Values must be treated as immutable.</summary>
public sealed class ParsedDocuments<T>(int capacity)
    where T : class
{
    private readonly ConcurrentDictionary<(string Partition, string Key), Versioned<T>> parsed = new();

    /// <summary>The value of <paramref name="document"/>, parsed by <paramref name="parse"/> only when this version is new here.</summary>
    public Versioned<T> Get(StoredDocument document, Func<StoredDocument, T> parse)
    {
        var address = (document.Partition, document.Key);
        if (parsed.TryGetValue(address, out var known) && known.Version == document.Version)
        {
            return known;
        }

        if (parsed.Count >= capacity)
        {
            // Deleted documents are never evicted one by one; starting afresh now and then bounds the memory instead.
            parsed.Clear();
        }

        var value = new Versioned<T>(parse(document), document.Version);
        parsed[address] = value;
        return value;
    }
}
