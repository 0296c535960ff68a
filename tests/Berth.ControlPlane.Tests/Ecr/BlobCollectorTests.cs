using System.Text;
using Berth.Aws.Generated.Ecr;
using Berth.ControlPlane.Ecr;
using Berth.ControlPlane.Ecr.Registry;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecr;

/// <summary>Garbage collection of blobs on a hand-set clock, and DeleteRepository dropping its uploads.</summary>
public sealed class BlobCollectorTests : EcrHandlerTests
{
    [Fact]
    public async Task Collect_UnreferencedOldBlob_IsDeletedWithItsLinks()
    {
        await Ecr.CreateRepositoryAsync("web");
        var orphan = await Ecr.PushBlobAsync("web", "pushed, never used"u8.ToArray());
        var (manifest, _) = await Ecr.PushImageAsync("web", "1");
        Ecr.AgeBlobsPastGracePeriod();

        var collected = await Ecr.Collector.CollectAsync(default);

        Assert.Equal([orphan], collected);
        Assert.Null(Ecr.Blobs.SizeOf(orphan));
        Assert.Null(await Ecr.Store.Layers.GetAsync(Ecr.Partition, EcrStore.DigestKey("web", orphan), default));
        Assert.All(Referenced(manifest), digest => Assert.NotNull(Ecr.Blobs.SizeOf(digest)));
    }

    [Fact]
    public async Task Collect_YoungBlob_IsKeptUntilTheGracePeriodPasses()
    {
        await Ecr.CreateRepositoryAsync("web");
        var blob = await Ecr.PushBlobAsync("web", "layer pushed before its manifest"u8.ToArray());
        File.SetLastWriteTimeUtc(Ecr.Blobs.PathOf(blob), EcrHarness.Start.UtcDateTime);
        Ecr.Time.Advance(BlobCollector.GracePeriod - TimeSpan.FromMinutes(1));

        Assert.Empty(await Ecr.Collector.CollectAsync(default));
        Ecr.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal([blob], await Ecr.Collector.CollectAsync(default));
    }

    [Fact]
    public async Task Collect_BlobReferencedByAnotherRepository_IsKept()
    {
        await Ecr.CreateRepositoryAsync("web");
        await Ecr.CreateRepositoryAsync("api");
        var (manifest, digest) = await Ecr.PushImageAsync("web", "1", "shared");
        await Ecr.PushImageAsync("api", "1", "shared");
        await Ecr.Images.BatchDeleteImage(Ecr.Caller(), new BatchDeleteImageRequest { RepositoryName = "web", ImageIds = [new ImageIdentifier { ImageDigest = digest }] }, default);
        Ecr.AgeBlobsPastGracePeriod();

        var collected = await Ecr.Collector.CollectAsync(default);

        Assert.Empty(collected);
        Assert.All(Referenced(manifest), d => Assert.NotNull(Ecr.Blobs.SizeOf(d)));
    }

    [Fact]
    public async Task DeleteRepository_DropsItsUploadsAndTheirFiles()
    {
        await Ecr.CreateRepositoryAsync("web");
        await Ecr.CreateRepositoryAsync("api");
        var upload = await Ecr.Layers.InitiateLayerUpload(Ecr.Caller(), new InitiateLayerUploadRequest { RepositoryName = "web" }, default);
        var other = await Ecr.Layers.InitiateLayerUpload(Ecr.Caller(), new InitiateLayerUploadRequest { RepositoryName = "api" }, default);

        await Ecr.Repositories.DeleteRepository(Ecr.Caller(), new DeleteRepositoryRequest { RepositoryName = "web" }, default);

        Assert.Null(await Ecr.Store.Uploads.GetAsync(Ecr.Partition, upload.UploadId!, default));
        Assert.Null(Ecr.Blobs.UploadLength(Guid.Parse(upload.UploadId!)));
        Assert.NotNull(await Ecr.Store.Uploads.GetAsync(Ecr.Partition, other.UploadId!, default));
        Assert.Equal(0, Ecr.Blobs.UploadLength(Guid.Parse(other.UploadId!)));
    }

    private static List<string> Referenced(string manifest) =>
        Berth.ControlPlane.Ecr.Images.ManifestParser.Parse(Encoding.UTF8.GetBytes(manifest), null).Blobs.ToList();
}
