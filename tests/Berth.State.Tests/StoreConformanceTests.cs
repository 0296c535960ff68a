namespace Berth.State.Tests;

/// <summary>The behaviour every <see cref="IStore"/> backend must show; a backend's test class derives from this and supplies its database.</summary>
/// <remarks>xunit makes one instance per test, so each test gets its own empty database. Timeouts only guard against hangs; nothing sleeps.</remarks>
public abstract partial class StoreConformanceTests : IAsyncLifetime
{
    /// <summary>Upper bound for anything that should happen promptly; reaching it fails the test instead of hanging it.</summary>
    protected static readonly TimeSpan Guard = TimeSpan.FromSeconds(5);

    private IStore? _store;

    /// <summary>The store under test.</summary>
    protected IStore Store => _store ?? throw new InvalidOperationException("The store is not open.");

    /// <summary>Opens a store on this test's own database: empty on the first call, the same data on later calls (a restart).</summary>
    protected abstract ValueTask<IStore> OpenStoreAsync(StoreTestSettings settings);

    /// <summary>Removes this test's database after the test.</summary>
    protected abstract ValueTask DeleteDatabaseAsync();

    /// <inheritdoc />
    public async Task InitializeAsync() => _store = await OpenStoreAsync(new StoreTestSettings());

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        await DeleteDatabaseAsync();
    }

    /// <summary>Closes the store and opens a new instance on the same database, as a process restart would.</summary>
    protected async Task<IStore> RestartAsync(StoreTestSettings? settings = null)
    {
        await Store.DisposeAsync();
        _store = null;
        _store = await OpenStoreAsync(settings ?? new StoreTestSettings());
        return _store;
    }

    /// <summary>Writes one document and returns its change.</summary>
    protected async Task<Change> PutAsync(string key, string body, long? expectedVersion = null, string kind = "cluster", string partition = "p1")
    {
        var changes = await Store.ApplyAsync([new PutOp(kind, partition, key, body, expectedVersion)]);
        return Assert.Single(changes);
    }

    /// <summary>Reads every page of a listing, checking the page size contract on the way.</summary>
    protected async Task<List<string>> ListAllKeysAsync(ListQuery query, string kind = "cluster", string partition = "p1")
    {
        var keys = new List<string>();
        var pages = 0;
        while (true)
        {
            var page = await Store.ListAsync(kind, partition, query);
            Assert.True(page.Items.Count <= query.Limit, $"page {pages} has {page.Items.Count} items, limit {query.Limit}");
            keys.AddRange(page.Items.Select(d => d.Key));
            Assert.True(++pages < 1_000, "pagination does not terminate");
            if (page.NextKey is null)
            {
                return keys;
            }

            Assert.Equal(query.Limit, page.Items.Count);
            Assert.Equal(page.Items[^1].Key, page.NextKey);
            query = query with { StartAfter = page.NextKey };
        }
    }

    /// <summary>Orders keys the way stores must: by the bytes of their UTF-8 encoding.</summary>
    protected static List<string> Utf8Sorted(IEnumerable<string> keys, bool descending = false)
    {
        var sorted = keys.OrderBy(k => k, Utf8ByteComparer.Instance).ToList();
        if (descending)
        {
            sorted.Reverse();
        }

        return sorted;
    }
}
