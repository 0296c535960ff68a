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
