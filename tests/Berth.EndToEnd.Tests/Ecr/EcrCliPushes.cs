using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Ecr;

/// <summary>Pushing through the ECR layer API with the AWS CLI, as a client without docker does.</summary>
public static class EcrCliPushes
{
    public static string Digest(string content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    /// <summary>A Docker v2 schema 2 manifest over a config and one layer.</summary>
    public static string Manifest((string Digest, int Size) config, (string Digest, int Size) layer) =>
        $$"""{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":{{config.Size}},"digest":"{{config.Digest}}"},"layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":{{layer.Size}},"digest":"{{layer.Digest}}"}]}""";

    /// <summary>InitiateLayerUpload, one UploadLayerPart and CompleteLayerUpload, as a client of the layer API pushes.</summary>
    public static async Task<(string Digest, int Size)> UploadLayerAsync(BerthServerFixture fixture, string repository, string content)
    {
        var uploadId = (await fixture.AwsAsync("ecr", "initiate-layer-upload", "--repository-name", repository)).AssertSuccess().Json.Str("uploadId")!;
        var file = Path.Combine(fixture.Scratch, uploadId + ".bin");
        await File.WriteAllTextAsync(file, content);
        var size = Encoding.UTF8.GetByteCount(content);
        (await fixture.AwsAsync("ecr", "upload-layer-part", "--repository-name", repository, "--upload-id", uploadId, "--part-first-byte", "0",
            "--part-last-byte", (size - 1).ToString(CultureInfo.InvariantCulture), "--layer-part-blob", "fileb://" + file)).AssertSuccess();
        (await fixture.AwsAsync("ecr", "complete-layer-upload", "--repository-name", repository, "--upload-id", uploadId, "--layer-digests", Digest(content)))
            .Verify(j => Assert.Equal(Digest(content), j.Str("layerDigest")));
        return (Digest(content), size);
    }
}
