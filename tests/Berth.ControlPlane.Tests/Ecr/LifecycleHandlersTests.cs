using Berth.Aws.Generated.Ecr;
using Berth.Aws.Protocol;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecr;

/// <summary>Lifecycle policies through the ECR API, the preview, and enforcement on a hand-set clock.</summary>
public sealed class LifecycleHandlersTests : EcrHandlerTests
{
    private const string KeepTwo =
        """{"rules":[{"rulePriority":1,"description":"keep two","selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":2},"action":{"type":"expire"}}]}""";

    private const string UntaggedAfterADay =
        """{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":1},"action":{"type":"expire"}}]}""";

    [Fact]
    public async Task PutThenGet_AnswersTheTextAsPut()
    {
        await Ecr.CreateRepositoryAsync("web");

        var put = await Ecr.Lifecycle.PutLifecyclePolicy(Ecr.Caller(), new PutLifecyclePolicyRequest { RepositoryName = "web", LifecyclePolicyText = KeepTwo }, default);
        var got = await Ecr.Lifecycle.GetLifecyclePolicy(Ecr.Caller(), new GetLifecyclePolicyRequest { RepositoryName = "web" }, default);

        Assert.Equal((EcrHarness.Account, "web", KeepTwo), (put.RegistryId, put.RepositoryName, put.LifecyclePolicyText));
        Assert.Equal((KeepTwo, (DateTimeOffset?)null), (got.LifecyclePolicyText, got.LastEvaluatedAt));
    }

    [Fact]
    public async Task Put_InvalidPolicy_IsInvalidParameterAndStoresNothing()
    {
        await Ecr.CreateRepositoryAsync("web");

        var error = await Assert.ThrowsAsync<AwsException>(async () => await Ecr.Lifecycle.PutLifecyclePolicy(Ecr.Caller(),
            new PutLifecyclePolicyRequest { RepositoryName = "web", LifecyclePolicyText = KeepTwo.Replace("\"any\"", "\"tagged\"", StringComparison.Ordinal) }, default));

        Assert.Equal("InvalidParameterException", error.Code);
        Assert.Null((await Ecr.Store.Repositories.GetAsync(Ecr.Partition, "web", default))!.Value.LifecyclePolicy);
    }

    [Fact]
    public async Task GetAndDelete_WithoutPolicy_AreLifecyclePolicyNotFound()
    {
        await Ecr.CreateRepositoryAsync("web");

        var get = await Assert.ThrowsAsync<AwsException>(async () => await Ecr.Lifecycle.GetLifecyclePolicy(Ecr.Caller(), new GetLifecyclePolicyRequest { RepositoryName = "web" }, default));
        var delete = await Assert.ThrowsAsync<AwsException>(async () => await Ecr.Lifecycle.DeleteLifecyclePolicy(Ecr.Caller(), new DeleteLifecyclePolicyRequest { RepositoryName = "web" }, default));
        var preview = await Assert.ThrowsAsync<AwsException>(async () => await Ecr.Lifecycle.StartLifecyclePolicyPreview(Ecr.Caller(), new StartLifecyclePolicyPreviewRequest { RepositoryName = "web" }, default));

        Assert.Equal(["LifecyclePolicyNotFoundException", "LifecyclePolicyNotFoundException", "LifecyclePolicyNotFoundException"], new[] { get.Code, delete.Code, preview.Code });
        Assert.Equal("Lifecycle policy does not exist for the repository with name 'web' in the registry with id '123456789012'", get.Message);
    }

    [Fact]
    public async Task Delete_AnswersThePolicyAndRemovesIt()
    {
        await Ecr.CreateRepositoryAsync("web");
        await Ecr.Lifecycle.PutLifecyclePolicy(Ecr.Caller(), new PutLifecyclePolicyRequest { RepositoryName = "web", LifecyclePolicyText = KeepTwo }, default);

        var deleted = await Ecr.Lifecycle.DeleteLifecyclePolicy(Ecr.Caller(), new DeleteLifecyclePolicyRequest { RepositoryName = "web" }, default);

        Assert.Equal(KeepTwo, deleted.LifecyclePolicyText);
        Assert.Null((await Ecr.Store.Repositories.GetAsync(Ecr.Partition, "web", default))!.Value.LifecyclePolicy);
    }

    [Fact]
    public async Task Preview_ListsWhatWouldExpireWithoutDeletingIt()
    {
        await Ecr.CreateRepositoryAsync("web");
        var oldest = await PushAgedAsync("1", TimeSpan.Zero);
        await PushAgedAsync("2", TimeSpan.FromHours(1));
        await PushAgedAsync("3", TimeSpan.FromHours(1));

        var started = await Ecr.Lifecycle.StartLifecyclePolicyPreview(Ecr.Caller(), new StartLifecyclePolicyPreviewRequest { RepositoryName = "web", LifecyclePolicyText = KeepTwo }, default);
        var preview = await Ecr.Lifecycle.GetLifecyclePolicyPreview(Ecr.Caller(), new GetLifecyclePolicyPreviewRequest { RepositoryName = "web" }, default);

        Assert.Equal("IN_PROGRESS", started.Status);
        Assert.Equal(("COMPLETE", KeepTwo, 1), (preview.Status, preview.LifecyclePolicyText, preview.Summary!.ExpiringImageTotalCount));
        var result = Assert.Single(preview.PreviewResults!);
        Assert.Equal((oldest, "1", "EXPIRE", 1, EcrHarness.Start), (result.ImageDigest, result.ImageTags!.Single(), result.Action!.Type, result.AppliedRulePriority, result.ImagePushedAt));
        Assert.Equal(3, (await Ecr.Images.ListImages(Ecr.Caller(), new ListImagesRequest { RepositoryName = "web" }, default)).ImageIds!.Count);
    }

    [Fact]
    public async Task GetPreview_Filters_AndWithoutPreview_IsNotFound()
    {
        await Ecr.CreateRepositoryAsync("web");
        var error = await Assert.ThrowsAsync<AwsException>(async () =>
            await Ecr.Lifecycle.GetLifecyclePolicyPreview(Ecr.Caller(), new GetLifecyclePolicyPreviewRequest { RepositoryName = "web" }, default));
        await PushAgedAsync("1", TimeSpan.Zero);
        await PushAgedAsync(null, TimeSpan.FromHours(1), "untagged");
        await PushAgedAsync("3", TimeSpan.FromHours(1));
        await PushAgedAsync("4", TimeSpan.FromHours(1));
        await Ecr.Lifecycle.StartLifecyclePolicyPreview(Ecr.Caller(), new StartLifecyclePolicyPreviewRequest { RepositoryName = "web", LifecyclePolicyText = KeepTwo }, default);

        var untagged = await Ecr.Lifecycle.GetLifecyclePolicyPreview(Ecr.Caller(),
            new GetLifecyclePolicyPreviewRequest { RepositoryName = "web", Filter = new LifecyclePolicyPreviewFilter { TagStatus = TagStatus.Untagged } }, default);
        var first = await Ecr.Lifecycle.GetLifecyclePolicyPreview(Ecr.Caller(), new GetLifecyclePolicyPreviewRequest { RepositoryName = "web", MaxResults = 1 }, default);
        var second = await Ecr.Lifecycle.GetLifecyclePolicyPreview(Ecr.Caller(),
            new GetLifecyclePolicyPreviewRequest { RepositoryName = "web", MaxResults = 1, NextToken = first.NextToken }, default);
        var byTag = await Ecr.Lifecycle.GetLifecyclePolicyPreview(Ecr.Caller(),
            new GetLifecyclePolicyPreviewRequest { RepositoryName = "web", ImageIds = [new ImageIdentifier { ImageTag = "1" }] }, default);

        Assert.Equal("LifecyclePolicyPreviewNotFoundException", error.Code);
        Assert.Null(Assert.Single(untagged.PreviewResults!).ImageTags);
        Assert.Equal(2, first.Summary!.ExpiringImageTotalCount);
        Assert.NotEqual(Assert.Single(first.PreviewResults!).ImageDigest, Assert.Single(second.PreviewResults!).ImageDigest);
        Assert.Null(second.NextToken);
        Assert.Equal("1", Assert.Single(byTag.PreviewResults!).ImageTags!.Single());
    }

    [Fact]
    public async Task Enforce_DeletesExpiredImagesAndSetsLastEvaluatedAt()
    {
        await Ecr.CreateRepositoryAsync("web");
        await PushAgedAsync(null, TimeSpan.Zero, "old untagged");
        var kept = await PushAgedAsync("1", TimeSpan.FromHours(12));
        await Ecr.Lifecycle.PutLifecyclePolicy(Ecr.Caller(), new PutLifecyclePolicyRequest { RepositoryName = "web", LifecyclePolicyText = UntaggedAfterADay }, default);

        Assert.Equal(0, await Ecr.Enforcer.EnforceAsync(default));
        Ecr.Time.Advance(TimeSpan.FromHours(13));
        var expired = await Ecr.Enforcer.EnforceAsync(default);

        Assert.Equal(1, expired);
        var remaining = (await Ecr.Images.ListImages(Ecr.Caller(), new ListImagesRequest { RepositoryName = "web" }, default)).ImageIds!;
        Assert.Equal(kept, Assert.Single(remaining).ImageDigest);
        var policy = await Ecr.Lifecycle.GetLifecyclePolicy(Ecr.Caller(), new GetLifecyclePolicyRequest { RepositoryName = "web" }, default);
        Assert.Equal(Ecr.Time.GetUtcNow(), policy.LastEvaluatedAt);
    }

    [Fact]
    public async Task Put_WakesTheController()
    {
        await Ecr.CreateRepositoryAsync("web");
        await Ecr.Lifecycle.PutLifecyclePolicy(Ecr.Caller(), new PutLifecyclePolicyRequest { RepositoryName = "web", LifecyclePolicyText = KeepTwo }, default);

        // Signalled: returns at once although the interval is a day on a clock that never moves.
        await Ecr.Wakeup.WaitAsync(TimeSpan.FromDays(1), Ecr.Time, default).WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Pushes an image (tagged or not) after moving the clock on by <paramref name="after"/>; returns its digest.</summary>
    private async Task<string> PushAgedAsync(string? tag, TimeSpan after, string? content = null)
    {
        Ecr.Time.Advance(after);
        return (await Ecr.PushImageAsync("web", tag, content ?? "layer " + tag)).Digest;
    }
}
