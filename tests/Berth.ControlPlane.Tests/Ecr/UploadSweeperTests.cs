using Berth.Aws.Generated.Ecr;
using Berth.ControlPlane.Ecr;
using Berth.ControlPlane.Ecr.Registry;
using Microsoft.Extensions.Logging.Abstractions;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecr;

/// <summary>Abandoned uploads expire after the purge age on a hand-set clock (file times set by hand): records with their files,
/// and files a crash left without a record; uploads touched since are kept.</summary>
public sealed class UploadSweeperTests : EcrHandlerTests
{
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    [Fact]
    public async Task Sweep_UploadUntouchedForAWeek_IsDeletedWithItsFile_AndOneAppendedToSinceIsKept()
    {
        await Ecr.CreateRepositoryAsync("web");
        var abandoned = await StartUploadAsync();
        var active = await StartUploadAsync();
        Touch(abandoned, EcrHarness.Start);
        Touch(active, EcrHarness.Start + TimeSpan.FromDays(6));
        Ecr.Time.Advance(Week + TimeSpan.FromMinutes(1));

        Assert.Equal(1, await Sweeper().SweepAsync(default));

        Assert.Null(await Ecr.Store.Uploads.GetAsync(Ecr.Partition, abandoned.ToString("D"), default));
        Assert.Null(Ecr.Blobs.UploadLength(abandoned));
        Assert.NotNull(await Ecr.Store.Uploads.GetAsync(Ecr.Partition, active.ToString("D"), default));
        Assert.Equal(0, Ecr.Blobs.UploadLength(active));
    }

    [Fact]
    public async Task Sweep_BeforeTheWeekHasPassed_KeepsTheUpload_AndAfterItAPartIsRefused()
    {
        await Ecr.CreateRepositoryAsync("web");
        var upload = await StartUploadAsync();
        Touch(upload, EcrHarness.Start);
        Ecr.Time.Advance(Week - TimeSpan.FromMinutes(1));

        Assert.Equal(0, await Sweeper().SweepAsync(default));
        Ecr.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await Sweeper().SweepAsync(default));

        var error = await Assert.ThrowsAsync<Berth.Aws.Protocol.AwsException>(() => Ecr.Layers.UploadLayerPart(Ecr.Caller(), new UploadLayerPartRequest
        {
            RepositoryName = "web", UploadId = upload.ToString("D"), PartFirstByte = 0, PartLastByte = 0, LayerPartBlob = [1],
        }, default).AsTask());
        Assert.Equal("UploadNotFoundException", error.Code);
    }

    [Fact]
    public async Task Sweep_FileWithoutRecord_IsDeletedOnceAsOld_AndAYoungOneStays()
    {
        var crashedLongAgo = Guid.NewGuid();
        var crashedRecently = Guid.NewGuid();
        Ecr.Blobs.StartUpload(crashedLongAgo);
        Ecr.Blobs.StartUpload(crashedRecently);
        Touch(crashedLongAgo, EcrHarness.Start);
        Touch(crashedRecently, EcrHarness.Start + TimeSpan.FromDays(2));
        Ecr.Time.Advance(Week + TimeSpan.FromMinutes(1));

        Assert.Equal(1, await Sweeper().SweepAsync(default));

        Assert.Null(Ecr.Blobs.UploadLength(crashedLongAgo));
        Assert.Equal(0, Ecr.Blobs.UploadLength(crashedRecently));
    }

    [Fact]
    public async Task Sweep_RecordWhoseFileIsGone_ExpiresByItsStartTime()
    {
        await Ecr.CreateRepositoryAsync("web");
        var upload = await StartUploadAsync();
        File.Delete(Ecr.UploadFile(upload));
        Ecr.Time.Advance(Week + TimeSpan.FromMinutes(1));

        Assert.Equal(1, await Sweeper().SweepAsync(default));

        Assert.Null(await Ecr.Store.Uploads.GetAsync(Ecr.Partition, upload.ToString("D"), default));
    }

    [Fact]
    public async Task Sweep_ShorterPurgeAge_IsHonoured()
    {
        await Ecr.CreateRepositoryAsync("web");
        var upload = await StartUploadAsync();
        Touch(upload, EcrHarness.Start);
        Ecr.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));

        Assert.Equal(0, await Sweeper().SweepAsync(default));
        Assert.Equal(1, await Sweeper(Ecr.Options with { UploadPurgeAge = TimeSpan.FromDays(1) }).SweepAsync(default));
        Assert.Null(Ecr.Blobs.UploadLength(upload));
    }

    private UploadSweeper Sweeper(EcrOptions? options = null) =>
        new(Ecr.Store, Ecr.Blobs, options ?? Ecr.Options, Ecr.Time, NullLogger<UploadSweeper>.Instance);

    private async Task<Guid> StartUploadAsync() =>
        Guid.Parse((await Ecr.Layers.InitiateLayerUpload(Ecr.Caller(), new InitiateLayerUploadRequest { RepositoryName = "web" }, default)).UploadId!);

    /// <summary>Dates the upload's last write, as an append at that time would.</summary>
    private void Touch(Guid upload, DateTimeOffset at) => File.SetLastWriteTimeUtc(Ecr.UploadFile(upload), at.UtcDateTime);
}
