using System.Text;
using Berth.ControlPlane.Ecr;
using Berth.ControlPlane.Ecr.Images;

namespace Berth.ControlPlane.Tests.Ecr;

/// <summary>Manifests are checked before anything is stored: size, media type, schema and descriptors.</summary>
public sealed class ManifestParserTests
{
    private static readonly string Config = Digests.Of("config"u8);
    private static readonly string Layer = Digests.Of("layer"u8);

    [Fact]
    public void Parse_DockerManifest_ListsConfigAndLayersAndSumsLayerSizes()
    {
        var body = Encoding.UTF8.GetBytes(EcrHarness.Manifest((Config, 6), (Layer, 5), (Digests.Of("x"u8), 10)));

        var parsed = ManifestParser.Parse(body, ManifestMediaTypes.DockerManifest);

        Assert.Equal(Digests.Of(body), parsed.Digest);
        Assert.Equal([Config, Layer, Digests.Of("x"u8)], parsed.Blobs);
        Assert.Equal(15, parsed.LayersSize);
        Assert.Equal("application/vnd.docker.container.image.v1+json", parsed.ArtifactMediaType);
    }

    [Fact]
    public void Parse_NoContentType_TakesTheManifestsOwnMediaType() =>
        Assert.Equal(ManifestMediaTypes.DockerManifest, ManifestParser.Parse(Encoding.UTF8.GetBytes(EcrHarness.Manifest((Config, 6))), null).MediaType);

    [Fact]
    public void Parse_OciIndex_ListsItsManifests()
    {
        var body = Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"mediaType":"{{ManifestMediaTypes.OciIndex}}","manifests":[{"mediaType":"{{ManifestMediaTypes.OciManifest}}","size":10,"digest":"{{Layer}}"}]}""");

        var parsed = ManifestParser.Parse(body, ManifestMediaTypes.OciIndex);

        Assert.Equal([Layer], parsed.Children);
        Assert.Empty(parsed.Blobs);
        Assert.Null(parsed.ArtifactMediaType);
    }

    [Fact]
    public void Parse_LargerThan4MiB_IsSizeInvalid()
    {
        var body = new byte[ManifestParser.MaxManifestBytes + 1];

        Assert.Same(RegistryError.ManifestTooLarge, Assert.Throws<RegistryException>(() => ManifestParser.Parse(body, ManifestMediaTypes.DockerManifest)).Error);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/vnd.docker.distribution.manifest.v1+prettyjws")]
    [InlineData("text/plain")]
    public void Parse_UnknownMediaType_IsUnsupported(string mediaType) =>
        Assert.Same(RegistryError.MediaTypeUnsupported,
            Assert.Throws<RegistryException>(() => ManifestParser.Parse(Encoding.UTF8.GetBytes(EcrHarness.Manifest((Config, 6))), mediaType)).Error);

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"schemaVersion":1,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"size":1,"digest":"sha256:0000000000000000000000000000000000000000000000000000000000000000"},"layers":[]}""")]
    [InlineData("""{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","layers":[]}""")]
    [InlineData("""{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"size":1,"digest":"sha256:../../etc/passwd"},"layers":[]}""")]
    [InlineData("""{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"size":-1,"digest":"sha256:0000000000000000000000000000000000000000000000000000000000000000"},"layers":[]}""")]
    [InlineData("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"size":1,"digest":"sha256:0000000000000000000000000000000000000000000000000000000000000000"},"layers":[]}""")]
    public void Parse_Malformed_IsManifestInvalid(string manifest) =>
        Assert.Same(RegistryError.ManifestInvalid,
            Assert.Throws<RegistryException>(() => ManifestParser.Parse(Encoding.UTF8.GetBytes(manifest), ManifestMediaTypes.DockerManifest)).Error);
}
