using System.Text;
using Berth.ControlPlane.Ecr;
using Berth.ControlPlane.Ecr.Registry;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecr;

/// <summary>Blobs appear under their digest only once verified; a wrong digest stores nothing; equal content is stored once.</summary>
public sealed class BlobStoreTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "berth-blobs-" + Guid.NewGuid().ToString("N"));
    private readonly BlobStore blobs;

    public BlobStoreTests() => blobs = new BlobStore(root);

    [Fact]
    public async Task Commit_RightDigest_StoresTheBytesUnderTheirDigest()
    {
        var id = await UploadAsync("hello ", "world");
        var digest = Digests.Of("hello world"u8);

        Assert.Equal(11, await blobs.CommitAsync(id, digest, default));

        var hex = Digests.Hex(digest);
        Assert.Equal(Path.Combine(root, "blobs", "sha256", hex[..2], hex), blobs.PathOf(digest));
        Assert.Equal("hello world", await File.ReadAllTextAsync(blobs.PathOf(digest)));
        Assert.Null(blobs.UploadLength(id));
    }

    [Fact]
    public async Task Commit_WrongDigest_StoresNothingAndDropsTheUpload()
    {
        var id = await UploadAsync("corrupt");
        var claimed = Digests.Of("original"u8);

        Assert.Null(await blobs.CommitAsync(id, claimed, default));

        Assert.Null(blobs.SizeOf(claimed));
        Assert.Null(blobs.UploadLength(id));
        Assert.Empty(Directory.GetFiles(Path.Combine(root, "blobs"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Commit_SameContentTwice_KeepsOneFile()
    {
        var digest = Digests.Of("same"u8);
        await blobs.CommitAsync(await UploadAsync("same"), digest, default);
        await blobs.CommitAsync(await UploadAsync("same"), digest, default);

        Assert.Single(Directory.GetFiles(Path.Combine(root, "blobs"), "*", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(Path.Combine(root, "uploads")));
    }

    /// <summary>The hash kept while bytes arrive lives in memory: after a restart the upload is hashed from its file.</summary>
    [Theory]
    [InlineData("hello world", "hello world")]
    [InlineData("hello world", "tampered")]
    public async Task Commit_AfterARestart_HashesTheFile(string sent, string claimed)
    {
        var id = await UploadAsync(sent[..5]);
        var restarted = new BlobStore(root);
        using (var rest = new MemoryStream(Encoding.UTF8.GetBytes(sent[5..])))
        {
            await restarted.AppendAsync(id, rest, default);
        }

        var size = await restarted.CommitAsync(id, Digests.Of(Encoding.UTF8.GetBytes(claimed)), default);

        Assert.Equal(sent == claimed ? sent.Length : null, size);
        Assert.Null(restarted.UploadLength(id));
    }

    [Fact]
    public async Task Commit_ChunkWrittenByAnotherProcessInstance_IsNotMissedByTheRunningHash()
    {
        var id = await UploadAsync("hello ");
        using (var other = new MemoryStream("world"u8.ToArray()))
        {
            await new BlobStore(root).AppendAsync(id, other, default);
        }

        Assert.Equal(11, await blobs.CommitAsync(id, Digests.Of("hello world"u8), default));
    }

    /// <summary>Writeback started every few bytes while they arrive (and the flushes it needs) changes nothing that is stored.</summary>
    [Fact]
    public async Task Commit_WritebackStartedWhileBytesArrive_StoresEveryByte()
    {
        var content = new byte[300_000];
        new Random(6).NextBytes(content);
        var store = new BlobStore(root, writebackInterval: 4096);
        var id = Guid.NewGuid();
        store.StartUpload(id);
        using (var first = new MemoryStream(content[..100_001]))
        {
            await store.AppendAsync(id, first, default);
        }

        using (var second = new MemoryStream(content[100_001..]))
        {
            await store.AppendAsync(id, second, default);
        }

        var digest = Digests.Of(content);
        Assert.Equal(content.Length, await store.CommitAsync(id, digest, default));
        Assert.Equal(content, await File.ReadAllBytesAsync(store.PathOf(digest)));
    }

    [Fact]
    public async Task Upload_Interrupted_LeavesNoBlob()
    {
        var id = await UploadAsync("half of a lay");

        Assert.Equal(13, blobs.UploadLength(id));
        Assert.Empty(Directory.GetFiles(Path.Combine(root, "blobs"), "*", SearchOption.AllDirectories));
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private async Task<Guid> UploadAsync(params string[] chunks)
    {
        var id = Guid.NewGuid();
        blobs.StartUpload(id);
        foreach (var chunk in chunks)
        {
            using var body = new MemoryStream(Encoding.UTF8.GetBytes(chunk));
            await blobs.AppendAsync(id, body, default);
        }

        return id;
    }
}
