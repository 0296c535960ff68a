using Berth.Aws.Generated.Ecr;
using Berth.ControlPlane.Ecr;
using Microsoft.Extensions.Logging.Abstractions;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecr;

/// <summary>One housekeeping pass on a hand-set clock: the lifecycle policy expires an image, and once the grace period has
/// passed its blobs, no longer referenced, are collected.</summary>
public sealed class EcrHousekeepingTests : EcrHandlerTests
{
    [Fact]
    public async Task RunOnce_ExpiresImages_ThenCollectsTheirBlobsAfterTheGracePeriod()
    {
        await Ecr.CreateRepositoryAsync("web");
        var (_, old) = await Ecr.PushImageAsync("web", "v1", "old layer");
        Ecr.Time.Advance(TimeSpan.FromMinutes(1));
        var (_, kept) = await Ecr.PushImageAsync("web", "v2", "new layer");
        await Ecr.Lifecycle.PutLifecyclePolicy(Ecr.Caller(), new PutLifecyclePolicyRequest
        {
            RepositoryName = "web",
            LifecyclePolicyText = """{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}""",
        }, default);
        var housekeeping = new EcrHousekeeping(Ecr.Enforcer, Ecr.Collector, Ecr.Wakeup, Ecr.Time, NullLogger<EcrHousekeeping>.Instance);
        var blobsBefore = Ecr.Blobs.List().Count();

        await housekeeping.SweepAsync(default);
        var afterExpiry = Ecr.Blobs.List().Count();
        Ecr.AgeBlobsPastGracePeriod();
        await housekeeping.SweepAsync(default);

        var remaining = (await Ecr.Images.ListImages(Ecr.Caller(), new ListImagesRequest { RepositoryName = "web" }, default)).ImageIds!;
        Assert.Equal(kept, Assert.Single(remaining).ImageDigest);
        Assert.NotEqual(old, kept);
        Assert.Equal((4, 4, 2), (blobsBefore, afterExpiry, Ecr.Blobs.List().Count()));
    }
}
