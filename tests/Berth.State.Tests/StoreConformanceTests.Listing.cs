namespace Berth.State.Tests;

/// <summary>Listing: ordinal key order, prefixes, keyset pagination in both directions.</summary>
public abstract partial class StoreConformanceTests
{
    // Mixed case, punctuation, non-ASCII and a character above U+FFFF, where UTF-8 order and UTF-16 ordinal order differ.
    private static readonly string[] AwkwardKeys = ["b", "a", "B", "a1", "a0", "ä", "\uFFFD", "\U0001F600", "A~", "_", "a/b", "a.b", "10", "9"];

    [Fact]
    public async Task ListAsync_Ascending_OrdersByUtf8Bytes()
    {
        await PutKeysAsync(AwkwardKeys);

        var page = await Store.ListAsync("cluster", "p1", new ListQuery { Limit = 100 });

        Assert.Equal(Utf8Sorted(AwkwardKeys), page.Items.Select(d => d.Key));
        Assert.Null(page.NextKey);
        Assert.All(page.Items, d => Assert.Equal(("cluster", "p1", 1L, "body of " + d.Key), (d.Kind, d.Partition, d.Version, d.Body)));
    }

    [Fact]
    public async Task ListAsync_Descending_OrdersByUtf8BytesReversed()
    {
        await PutKeysAsync(AwkwardKeys);

        var page = await Store.ListAsync("cluster", "p1", new ListQuery { Descending = true });

        Assert.Equal(Utf8Sorted(AwkwardKeys, descending: true), page.Items.Select(d => d.Key));
    }

    [Fact]
    public async Task ListAsync_EmptyPartition_ReturnsNoItemsAndNoNextKey()
    {
        await PutAsync("x", "elsewhere", partition: "other");

        var page = await Store.ListAsync("cluster", "p1", new ListQuery { Limit = 1 });

        Assert.Empty(page.Items);
        Assert.Null(page.NextKey);
    }

    [Theory]
    [InlineData(25, 7, false)]
    [InlineData(25, 7, true)]
    [InlineData(10, 5, false)]
    [InlineData(10, 5, true)]
    [InlineData(3, 1, false)]
    [InlineData(3, 1, true)]
    [InlineData(4, 10, false)]
    public async Task ListAsync_Paginated_VisitsEveryKeyOnceInOrder(int count, int limit, bool descending)
    {
        var keys = Enumerable.Range(0, count).Select(i => $"task-{i * 7919 % 1000:D3}").ToList();
        await PutKeysAsync(keys);

        var listed = await ListAllKeysAsync(new ListQuery { Limit = limit, Descending = descending });

        Assert.Equal(Utf8Sorted(keys, descending), listed);
    }

    [Fact]
    public async Task ListAsync_ExactMultipleOfLimit_LastPageHasNoNextKey()
    {
        await PutKeysAsync(["a", "b", "c", "d"]);

        var first = await Store.ListAsync("cluster", "p1", new ListQuery { Limit = 2 });
        var second = await Store.ListAsync("cluster", "p1", new ListQuery { Limit = 2, StartAfter = first.NextKey });

        Assert.Equal(["a", "b"], first.Items.Select(d => d.Key));
        Assert.Equal("b", first.NextKey);
        Assert.Equal(["c", "d"], second.Items.Select(d => d.Key));
        Assert.Null(second.NextKey);
    }

    [Fact]
    public async Task ListAsync_StartAfterKeyThatDoesNotExist_ContinuesFromItsPosition()
    {
        await PutKeysAsync(["a", "c", "e", "g"]);

        var ascending = await Store.ListAsync("cluster", "p1", new ListQuery { StartAfter = "d" });
        var descending = await Store.ListAsync("cluster", "p1", new ListQuery { StartAfter = "d", Descending = true });

        Assert.Equal(["e", "g"], ascending.Items.Select(d => d.Key));
        Assert.Equal(["c", "a"], descending.Items.Select(d => d.Key));
    }

    [Fact]
    public async Task ListAsync_WritesBetweenPages_NeitherRepeatNorSkipExistingKeys()
    {
        await PutKeysAsync(["a", "b", "c", "d"]);
        var first = await Store.ListAsync("cluster", "p1", new ListQuery { Limit = 2 });

        await PutAsync("a0", "inserted before the cursor");
        await Store.ApplyAsync([new DeleteOp("cluster", "p1", "b")]);
        await PutAsync("c", "updated");

        var second = await Store.ListAsync("cluster", "p1", new ListQuery { Limit = 2, StartAfter = first.NextKey });
        Assert.Equal(["c", "d"], second.Items.Select(d => d.Key));
        Assert.Equal("updated", second.Items[0].Body);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ListAsync_KeyPrefix_ReturnsOnlyMatchingKeysAcrossPages(bool descending)
    {
        string[] matching = ["task/", "task/1", "task/2", "task/10", "task/a", "task/ä", "task/\U0001F600"];
        await PutKeysAsync([.. matching, "task", "task0", "task.", "tasj/1", "tasl", "Task/1", "u"]);

        var listed = await ListAllKeysAsync(new ListQuery { KeyPrefix = "task/", Limit = 2, Descending = descending });

        Assert.Equal(Utf8Sorted(matching, descending), listed);
    }

    [Theory]
    [InlineData("p\uFFFF", new[] { "p\uFFFF", "p\uFFFFx", "p\uFFFF\U0010FFFF" }, new[] { "p\uFFFE", "p\U00010000", "q" })]
    [InlineData("q\U0010FFFF", new[] { "q\U0010FFFF", "q\U0010FFFFz" }, new[] { "q\U0010FFFE", "r", "q" })]
    [InlineData("s\uD7FF", new[] { "s\uD7FF", "s\uD7FFa" }, new[] { "s\uE000", "s\uD7FE" })]
    public async Task ListAsync_KeyPrefixEndingInHighCodePoint_StaysWithinPrefix(string prefix, string[] matching, string[] others)
    {
        await PutKeysAsync([.. matching, .. others]);

        var ascending = await ListAllKeysAsync(new ListQuery { KeyPrefix = prefix, Limit = 1 });
        var descending = await ListAllKeysAsync(new ListQuery { KeyPrefix = prefix, Limit = 1, Descending = true });

        Assert.Equal(Utf8Sorted(matching), ascending);
        Assert.Equal(Utf8Sorted(matching, descending: true), descending);
    }

    [Fact]
    public async Task ListAsync_KeyPrefixWithCursorOutsidePrefix_StillBoundedByPrefix()
    {
        await PutKeysAsync(["a", "b/1", "b/2", "c"]);

        var before = await Store.ListAsync("cluster", "p1", new ListQuery { KeyPrefix = "b/", StartAfter = "a" });
        var after = await Store.ListAsync("cluster", "p1", new ListQuery { KeyPrefix = "b/", StartAfter = "c", Descending = true });

        Assert.Equal(["b/1", "b/2"], before.Items.Select(d => d.Key));
        Assert.Equal(["b/2", "b/1"], after.Items.Select(d => d.Key));
    }

    private async Task PutKeysAsync(IEnumerable<string> keys) =>
        await Store.ApplyAsync(keys.Select(k => (WriteOp)new PutOp("cluster", "p1", k, "body of " + k)).ToList());
}
