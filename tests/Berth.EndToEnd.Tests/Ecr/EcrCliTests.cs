using System.Net;
using System.Text;
using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Ecr;

/// <summary>Every ECR operation Berth serves, through the real AWS CLI, with the errors users meet; a layer's download URL is
/// fetched with a plain GET, without credentials.</summary>
public sealed class EcrCliTests(BerthServerFixture fixture) : IClassFixture<BerthServerFixture>
{
    [Fact]
    public async Task Repositories_CreateDescribeTagMutateDelete_AndTheirErrors()
    {
        var created = (await fixture.AwsAsync("ecr", "create-repository", "--repository-name", "cli/repo", "--image-tag-mutability", "IMMUTABLE",
            "--image-scanning-configuration", "scanOnPush=true", "--tags", "Key=team,Value=core")).AssertSuccess().Json;
        var arn = created["repository"]!["repositoryArn"]!.GetValue<string>();
        Assert.Matches(@"^arn:aws:ecr:us-east-1:\d{12}:repository/cli/repo$", arn);
        Assert.Equal("AES256", created.Str("repository.encryptionConfiguration.encryptionType"));
        Assert.True(created["repository"]!["imageScanningConfiguration"]!["scanOnPush"]!.GetValue<bool>());

        (await fixture.AwsAsync("ecr", "create-repository", "--repository-name", "cli/repo")).AssertAwsError("RepositoryAlreadyExistsException");
        (await fixture.AwsAsync("ecr", "create-repository", "--repository-name", "Bad..Name")).AssertAwsError("InvalidParameterException");
        var missing = (await fixture.AwsAsync("ecr", "describe-repositories", "--repository-names", "absent")).AssertAwsError("RepositoryNotFoundException");
        Assert.Contains("The repository with name 'absent' does not exist in the registry with id", missing.Stderr, StringComparison.Ordinal);

        (await fixture.AwsAsync("ecr", "put-image-tag-mutability", "--repository-name", "cli/repo", "--image-tag-mutability", "MUTABLE")).AssertSuccess();
        (await fixture.AwsAsync("ecr", "tag-resource", "--resource-arn", arn, "--tags", "Key=stage,Value=prod")).AssertSuccess();
        (await fixture.AwsAsync("ecr", "untag-resource", "--resource-arn", arn, "--tag-keys", "team")).AssertSuccess();
        (await fixture.AwsAsync("ecr", "list-tags-for-resource", "--resource-arn", arn)).Verify(j =>
            Assert.Equal([("stage", "prod")], j.Items("tags").Select(t => (t.Str("Key"), t.Str("Value")))));
        (await fixture.AwsAsync("ecr", "describe-repositories", "--repository-names", "cli/repo")).Verify(j =>
            Assert.Equal("MUTABLE", j.Str("repositories.0.imageTagMutability")));

        (await fixture.AwsAsync("ecr", "get-authorization-token")).Verify(j =>
        {
            var token = Encoding.UTF8.GetString(Convert.FromBase64String(j.Str("authorizationData.0.authorizationToken")!));
            Assert.StartsWith("AWS:", token, StringComparison.Ordinal);
            Assert.Equal(fixture.Server.Endpoint, j.Str("authorizationData.0.proxyEndpoint"));
        });
        (await fixture.AwsAsync("ecr", "delete-repository", "--repository-name", "cli/repo")).AssertSuccess();
        (await fixture.AwsAsync("ecr", "delete-repository", "--repository-name", "cli/repo")).AssertAwsError("RepositoryNotFoundException");
    }

    [Fact]
    public async Task LayersAndImages_UploadPutListDescribeGetDelete_AndTheirErrors()
    {
        (await fixture.AwsAsync("ecr", "create-repository", "--repository-name", "cli/images")).AssertSuccess();
        var config = await UploadLayerAsync("""{"architecture":"amd64","os":"linux"}""");
        var layer = await UploadLayerAsync("layer bytes");

        var uploadId = (await fixture.AwsAsync("ecr", "initiate-layer-upload", "--repository-name", "cli/images")).AssertSuccess().Json.Str("uploadId")!;
        var corrupt = Path.Combine(fixture.Scratch, "corrupt.bin");
        await File.WriteAllTextAsync(corrupt, "corrupted");
        (await fixture.AwsAsync("ecr", "upload-layer-part", "--repository-name", "cli/images", "--upload-id", uploadId, "--part-first-byte", "0",
            "--part-last-byte", "8", "--layer-part-blob", "fileb://" + corrupt)).AssertSuccess();
        (await fixture.AwsAsync("ecr", "complete-layer-upload", "--repository-name", "cli/images", "--upload-id", uploadId,
            "--layer-digests", Digest("original"))).AssertAwsError("InvalidLayerException");
        (await fixture.AwsAsync("ecr", "batch-check-layer-availability", "--repository-name", "cli/images", "--layer-digests", layer.Digest, Digest("original")))
            .Verify(j =>
            {
                Assert.Equal(("AVAILABLE", 11), (j.Str("layers.0.layerAvailability"), j.Int("layers.0.layerSize")));
                Assert.Equal("MissingLayerDigest", j.Str("failures.0.failureCode"));
            });
        var url = (await fixture.AwsAsync("ecr", "get-download-url-for-layer", "--repository-name", "cli/images", "--layer-digest", layer.Digest))
            .AssertSuccess().Json.Str("downloadUrl")!;
        Assert.StartsWith($"{fixture.Server.Endpoint}/v2/cli/images/blobs/{layer.Digest}?", url, StringComparison.Ordinal);
        using (var anonymous = new HttpClient())
        {
            Assert.Equal("layer bytes", await anonymous.GetStringAsync(url));
            using var tampered = await anonymous.GetAsync(url.Replace(layer.Digest, config.Digest, StringComparison.Ordinal));
            Assert.Equal((HttpStatusCode.Forbidden, true), (tampered.StatusCode, (await tampered.Content.ReadAsStringAsync()).Contains("DENIED", StringComparison.Ordinal)));
        }


        var manifest = EcrCliPushes.Manifest(config, layer);
        var manifestFile = Path.Combine(fixture.Scratch, "manifest.json");
        await File.WriteAllTextAsync(manifestFile, manifest);
        (await fixture.AwsAsync("ecr", "put-image", "--repository-name", "cli/images", "--image-tag", "v1", "--image-manifest", "file://" + manifestFile))
            .Verify(j => Assert.Equal(Digest(manifest), j.Str("image.imageId.imageDigest")));
        (await fixture.AwsAsync("ecr", "put-image", "--repository-name", "cli/images", "--image-tag", "v1", "--image-manifest", "file://" + manifestFile))
            .AssertAwsError("ImageAlreadyExistsException");
        (await fixture.AwsAsync("ecr", "put-image", "--repository-name", "cli/images", "--image-tag", "v2", "--image-manifest", "file://" + manifestFile,
            "--image-digest", Digest("other"))).AssertAwsError("ImageDigestDoesNotMatchException");
        (await fixture.AwsAsync("ecr", "put-image", "--repository-name", "cli/images", "--image-tag", "v2", "--image-manifest", "file://" + manifestFile)).AssertSuccess();

        (await fixture.AwsAsync("ecr", "list-images", "--repository-name", "cli/images", "--filter", "tagStatus=TAGGED")).Verify(j =>
            Assert.Equal(["v1", "v2"], j.Items("imageIds").Select(i => i.Str("imageTag")).Order()));
        (await fixture.AwsAsync("ecr", "describe-images", "--repository-name", "cli/images", "--image-ids", "imageTag=v1")).Verify(j =>
            Assert.Equal(11, j.Int("imageDetails.0.imageSizeInBytes")));
        (await fixture.AwsAsync("ecr", "describe-images", "--repository-name", "cli/images", "--image-ids", "imageTag=v9"))
            .AssertAwsError("ImageNotFoundException");
        (await fixture.AwsAsync("ecr", "batch-get-image", "--repository-name", "cli/images", "--image-ids", "imageTag=v2", "imageTag=v9")).Verify(j =>
        {
            Assert.Equal(manifest, j.Str("images.0.imageManifest"));
            Assert.Equal("ImageNotFound", j.Str("failures.0.failureCode"));
        });
        (await fixture.AwsAsync("ecr", "delete-repository", "--repository-name", "cli/images")).AssertAwsError("RepositoryNotEmptyException");
        (await fixture.AwsAsync("ecr", "batch-delete-image", "--repository-name", "cli/images", "--image-ids", "imageTag=v1")).Verify(j =>
            Assert.Equal("v1", j.Str("imageIds.0.imageTag")));
        (await fixture.AwsAsync("ecr", "describe-images", "--repository-name", "cli/images")).Verify(j =>
            Assert.Equal(["v2"], j.Strings("imageDetails.0.imageTags")));
        (await fixture.AwsAsync("ecr", "delete-repository", "--repository-name", "cli/images", "--force")).AssertSuccess();
        (await fixture.AwsAsync("ecr", "list-images", "--repository-name", "cli/images")).AssertAwsError("RepositoryNotFoundException");
    }

    private static string Digest(string content) => EcrCliPushes.Digest(content);

    private Task<(string Digest, int Size)> UploadLayerAsync(string content) => EcrCliPushes.UploadLayerAsync(fixture, "cli/images", content);
}
