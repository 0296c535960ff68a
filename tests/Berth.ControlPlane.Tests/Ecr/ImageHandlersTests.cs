using System.Text;
using Berth.Aws.Generated.Ecr;
using Berth.Aws.Protocol;
using Berth.ControlPlane.Ecr;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecr;

/// <summary>Images and layers through the ECR API: what is stored, what is refused (and that a refusal stores nothing).</summary>
public sealed class ImageHandlersTests : EcrHandlerTests
{
    [Fact]
    public async Task PutImage_ThenDescribe_ReportsDigestTagsSizeAndMediaTypes()
    {
        await Ecr.CreateRepositoryAsync("web");
        var (_, digest) = await Ecr.PushImageAsync("web", "1", "twelve bytes");

        var detail = (await Ecr.Images.DescribeImages(Ecr.Caller(), new DescribeImagesRequest { RepositoryName = "web" }, default)).ImageDetails!.Single();

        Assert.Equal((digest, 12L, "application/vnd.docker.distribution.manifest.v2+json", "application/vnd.docker.container.image.v1+json", EcrHarness.Start),
            (detail.ImageDigest, detail.ImageSizeInBytes, detail.ImageManifestMediaType, detail.ArtifactMediaType, detail.ImagePushedAt));
        Assert.Equal(["1"], detail.ImageTags!);
    }

    [Fact]
    public async Task PutImage_MissingLayer_IsLayersNotFoundAndStoresNothing()
    {
        await Ecr.CreateRepositoryAsync("web");
        var manifest = EcrHarness.Manifest((Digests.Of("c"u8), 1), (Digests.Of("never pushed"u8), 12));

        var error = await Assert.ThrowsAsync<RegistryException>(async () =>
            await Ecr.Images.PutImage(Ecr.Caller(), new PutImageRequest { RepositoryName = "web", ImageManifest = manifest, ImageTag = "1" }, default));

        Assert.Equal("LayersNotFoundException", error.Code);
        Assert.Empty(await Ecr.Store.KeysAsync(Ecr.Store.Images.Kind, Ecr.Partition, "web@", default));
        Assert.Empty(await Ecr.Store.KeysAsync(Ecr.Store.Tags.Kind, Ecr.Partition, "web:", default));
    }

    [Fact]
    public async Task PutImage_SameImageAndTagAgain_IsImageAlreadyExists()
    {
        await Ecr.CreateRepositoryAsync("web");
        var (manifest, _) = await Ecr.PushImageAsync("web", "1");

        var error = await Assert.ThrowsAnyAsync<AwsException>(async () =>
            await Ecr.Images.PutImage(Ecr.Caller(), new PutImageRequest { RepositoryName = "web", ImageManifest = manifest, ImageTag = "1" }, default));

        Assert.Equal("ImageAlreadyExistsException", error.Code);
    }

    [Fact]
    public async Task PutImage_WrongDigest_IsImageDigestDoesNotMatch()
    {
        await Ecr.CreateRepositoryAsync("web");
        var (manifest, _) = await Ecr.PushImageAsync("web", "1");

        var error = await Assert.ThrowsAsync<RegistryException>(async () => await Ecr.Images.PutImage(Ecr.Caller(), new PutImageRequest
        {
            RepositoryName = "web", ImageManifest = manifest, ImageTag = "2", ImageDigest = Digests.Of("other"u8),
        }, default));

        Assert.Equal("ImageDigestDoesNotMatchException", error.Code);
        Assert.Null(await Ecr.Store.Tags.GetAsync(Ecr.Partition, "web:2", default));
    }

    [Fact]
    public async Task PutImage_MovingATagInAMutableRepository_LeavesTheOldImageUntagged()
    {
        await Ecr.CreateRepositoryAsync("web");
        var (_, first) = await Ecr.PushImageAsync("web", "latest", "one");
        var (_, second) = await Ecr.PushImageAsync("web", "latest", "two");

        var ids = (await Ecr.Images.ListImages(Ecr.Caller(), new ListImagesRequest { RepositoryName = "web" }, default)).ImageIds!;
        var untagged = (await Ecr.Images.ListImages(Ecr.Caller(), new ListImagesRequest
        {
            RepositoryName = "web", Filter = new ListImagesFilter { TagStatus = TagStatus.Untagged },
        }, default)).ImageIds!;

        Assert.Contains(ids, i => i.ImageDigest == second && i.ImageTag == "latest");
        Assert.Equal([(first, (string?)null)], untagged.Select(i => (i.ImageDigest, i.ImageTag)));
    }

    [Fact]
    public async Task PutImage_MovingATagInAnImmutableRepository_IsImageTagAlreadyExists()
    {
        await Ecr.CreateRepositoryAsync("web", ImageTagMutability.Immutable);
        var (_, first) = await Ecr.PushImageAsync("web", "1", "one");

        var error = await Assert.ThrowsAsync<RegistryException>(() => Ecr.PushImageAsync("web", "1", "two"));

        Assert.Equal(("ImageTagAlreadyExistsException", "TAG_INVALID"), (error.Code, error.Error.OciCode));
        Assert.Equal(first, (await Ecr.Store.Tags.GetAsync(Ecr.Partition, "web:1", default))!.Value.Digest);
    }

    [Fact]
    public async Task BatchDeleteImage_LastTag_DeletesTheImageAndReportsUnknownOnes()
    {
        await Ecr.CreateRepositoryAsync("web");
        var (_, digest) = await Ecr.PushImageAsync("web", "1");

        var result = await Ecr.Images.BatchDeleteImage(Ecr.Caller(), new BatchDeleteImageRequest
        {
            RepositoryName = "web", ImageIds = [new ImageIdentifier { ImageTag = "1" }, new ImageIdentifier { ImageTag = "nope" }, new ImageIdentifier()],
        }, default);

        Assert.Equal([(digest, "1")], result.ImageIds!.Select(i => (i.ImageDigest, i.ImageTag)));
        Assert.Equal([ImageFailureCode.ImageNotFound, ImageFailureCode.MissingDigestAndTag], result.Failures!.Select(f => f.FailureCode));
        Assert.Empty(await Ecr.Store.KeysAsync(Ecr.Store.Images.Kind, Ecr.Partition, "web@", default));
    }

    [Fact]
    public async Task BatchGetImage_ByTag_GivesTheManifestAsPushed()
    {
        await Ecr.CreateRepositoryAsync("web");
        var (manifest, digest) = await Ecr.PushImageAsync("web", "1");

        var result = await Ecr.Images.BatchGetImage(Ecr.Caller(), new BatchGetImageRequest
        {
            RepositoryName = "web", ImageIds = [new ImageIdentifier { ImageTag = "1" }, new ImageIdentifier { ImageDigest = "sha256:bad" }],
        }, default);

        var image = result.Images!.Single();
        Assert.Equal((manifest, digest), (image.ImageManifest, image.ImageId!.ImageDigest));
        Assert.Equal(ImageFailureCode.InvalidImageDigest, result.Failures!.Single().FailureCode);
    }

    [Fact]
    public async Task DescribeImages_UnknownTag_IsImageNotFound()
    {
        await Ecr.CreateRepositoryAsync("web");

        var error = await Assert.ThrowsAnyAsync<AwsException>(async () => await Ecr.Images.DescribeImages(Ecr.Caller(), new DescribeImagesRequest
        {
            RepositoryName = "web", ImageIds = [new ImageIdentifier { ImageTag = "9" }],
        }, default));

        Assert.Equal(("ImageNotFoundException", "The image with imageId {imageDigest:'null', imageTag:'9'} does not exist within the repository with name 'web' in the registry with id '123456789012'"),
            (error.Code, error.Message));
    }

    [Fact]
    public async Task CompleteLayerUpload_WrongDigest_IsInvalidLayerAndStoresNothing()
    {
        await Ecr.CreateRepositoryAsync("web");
        var upload = await Ecr.Layers.InitiateLayerUpload(Ecr.Caller(), new InitiateLayerUploadRequest { RepositoryName = "web" }, default);
        var bytes = Encoding.UTF8.GetBytes("corrupted");
        await Ecr.Layers.UploadLayerPart(Ecr.Caller(), new UploadLayerPartRequest
        {
            RepositoryName = "web", UploadId = upload.UploadId, PartFirstByte = 0, PartLastByte = bytes.Length - 1, LayerPartBlob = bytes,
        }, default);
        var claimed = Digests.Of("original"u8);

        var error = await Assert.ThrowsAnyAsync<AwsException>(async () => await Ecr.Layers.CompleteLayerUpload(Ecr.Caller(), new CompleteLayerUploadRequest
        {
            RepositoryName = "web", UploadId = upload.UploadId, LayerDigests = [claimed],
        }, default));

        Assert.Equal("InvalidLayerException", error.Code);
        Assert.Null(Ecr.Blobs.SizeOf(claimed));
        Assert.Empty(await Ecr.Store.KeysAsync(Ecr.Store.Layers.Kind, Ecr.Partition, "web@", default));
    }

    [Fact]
    public async Task UploadLayerPart_OutOfOrder_IsInvalidLayerPart()
    {
        await Ecr.CreateRepositoryAsync("web");
        var upload = await Ecr.Layers.InitiateLayerUpload(Ecr.Caller(), new InitiateLayerUploadRequest { RepositoryName = "web" }, default);

        var error = await Assert.ThrowsAnyAsync<AwsException>(async () => await Ecr.Layers.UploadLayerPart(Ecr.Caller(), new UploadLayerPartRequest
        {
            RepositoryName = "web", UploadId = upload.UploadId, PartFirstByte = 5, PartLastByte = 5, LayerPartBlob = [1],
        }, default));

        Assert.Equal("InvalidLayerPartException", error.Code);
    }

    [Fact]
    public async Task CompleteLayerUpload_LayerAlreadyThere_IsLayerAlreadyExists()
    {
        await Ecr.CreateRepositoryAsync("web");
        await Ecr.PushBlobAsync("web", "layer"u8.ToArray());

        var error = await Assert.ThrowsAnyAsync<AwsException>(() => Ecr.PushBlobAsync("web", "layer"u8.ToArray()));

        Assert.Equal("LayerAlreadyExistsException", error.Code);
    }

    [Fact]
    public async Task BatchCheckLayerAvailability_SeesOnlyThisRepositorysBlobs()
    {
        await Ecr.CreateRepositoryAsync("web");
        await Ecr.CreateRepositoryAsync("other");
        var digest = await Ecr.PushBlobAsync("other", "layer"u8.ToArray());

        var result = await Ecr.Layers.BatchCheckLayerAvailability(Ecr.Caller(), new BatchCheckLayerAvailabilityRequest { RepositoryName = "web", LayerDigests = [digest] }, default);

        Assert.Empty(result.Layers!);
        Assert.Equal(LayerFailureCode.MissingLayerDigest, result.Failures!.Single().FailureCode);
    }

    [Fact]
    public async Task GetDownloadUrlForLayer_PointsAtTheRegistryBlob_Presigned()
    {
        await Ecr.CreateRepositoryAsync("web");
        var digest = await Ecr.PushBlobAsync("web", "layer"u8.ToArray());

        var url = (await Ecr.Layers.GetDownloadUrlForLayer(Ecr.Caller(), new GetDownloadUrlForLayerRequest { RepositoryName = "web", LayerDigest = digest }, default)).DownloadUrl;

        Assert.StartsWith($"http://127.0.0.1:9494/v2/web/blobs/{digest}?", url, StringComparison.Ordinal);
        Assert.Contains("X-Berth-Signature=", url, StringComparison.Ordinal);
    }
}
