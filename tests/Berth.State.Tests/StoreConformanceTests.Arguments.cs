namespace Berth.State.Tests;

/// <summary>Bad input fails with ArgumentException before anything is read or written.</summary>
public abstract partial class StoreConformanceTests
{
    public static TheoryData<string?, string?, string?> BadAddresses => new()
    {
        { null, "p", "k" }, { "", "p", "k" }, { "c", null, "k" }, { "c", "", "k" }, { "c", "p", null }, { "c", "p", "" },
    };

    [Theory]
    [MemberData(nameof(BadAddresses))]
    public async Task GetAsync_MissingAddressPart_ThrowsArgumentException(string? kind, string? partition, string? key)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.GetAsync(kind!, partition!, key!).AsTask());
    }

    [Theory]
    [MemberData(nameof(BadAddresses))]
    public async Task ApplyAsync_MissingAddressPart_ThrowsArgumentExceptionAndWritesNothing(string? kind, string? partition, string? key)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.ApplyAsync([new PutOp("c", "p", "first", "x"), new PutOp(kind!, partition!, key!, "x")]).AsTask());
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.ApplyAsync([new DeleteOp(kind!, partition!, key!)]).AsTask());

        Assert.Null(await Store.GetAsync("c", "p", "first"));
    }

    [Theory]
    [InlineData(null, "p")]
    [InlineData("", "p")]
    [InlineData("c", null)]
    [InlineData("c", "")]
    public async Task ListAsync_MissingKindOrPartition_ThrowsArgumentException(string? kind, string? partition)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.ListAsync(kind!, partition!, new ListQuery()).AsTask());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task ListAsync_LimitBelow1_ThrowsArgumentException(int limit)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.ListAsync("c", "p", new ListQuery { Limit = limit }).AsTask());
    }

    [Fact]
    public async Task ListAsync_NullQuery_ThrowsArgumentException()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.ListAsync("c", "p", null!).AsTask());
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, -5)]
    [InlineData(-1, 10)]
    public async Task ReadChangesAsync_BadRange_ThrowsArgumentException(long afterSequence, int limit)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.ReadChangesAsync(afterSequence, limit).AsTask());
    }

    [Fact]
    public async Task ApplyAsync_NullOrMalformedOps_ThrowArgumentException()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.ApplyAsync(null!).AsTask());
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.ApplyAsync([null!]).AsTask());
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.ApplyAsync([new PutOp("c", "p", "k", null!)]).AsTask());
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.ApplyAsync([new PutOp("c", "p", "k", "x", ExpectedVersion: -1)]).AsTask());
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.ApplyAsync([new DeleteOp("c", "p", "k", ExpectedVersion: -1)]).AsTask());

        Assert.Empty(await Store.ReadChangesAsync(0, 10));
    }
}
