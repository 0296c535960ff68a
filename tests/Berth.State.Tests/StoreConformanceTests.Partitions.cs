namespace Berth.State.Tests;

/// <summary>Listing the partitions of a kind: each once, in UTF-8 byte order, only where a document of that kind lives.</summary>
public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task ListPartitionsAsync_ListsEachPartitionOfTheKindOnce_InUtf8Order()
    {
        string[] partitions = ["p2", "P1", "ä", "\U0001F600", "p1"];
        foreach (var partition in partitions)
        {
            await PutAsync("a", "x", partition: partition);
            await PutAsync("b", "x", partition: partition);
        }

        await PutAsync("a", "x", kind: "task", partition: "only-tasks");

        Assert.Equal(Utf8Sorted(partitions), await Store.ListPartitionsAsync("cluster"));
        Assert.Equal(["only-tasks"], await Store.ListPartitionsAsync("task"));
        Assert.Empty(await Store.ListPartitionsAsync("unknown"));
    }

    [Fact]
    public async Task ListPartitionsAsync_ForgetsAPartitionOnceItsLastDocumentIsDeleted()
    {
        await PutAsync("a", "x", partition: "p1");
        await PutAsync("a", "x", partition: "p2");

        await Store.ApplyAsync([new DeleteOp("cluster", "p1", "a")]);

        Assert.Equal(["p2"], await Store.ListPartitionsAsync("cluster"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task ListPartitionsAsync_MissingKind_ThrowsArgumentException(string? kind)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.ListPartitionsAsync(kind!).AsTask());
    }
}
