using Berth.ControlPlane.Ecr;
using Berth.ControlPlane.Ecr.Registry;

namespace Berth.ControlPlane.Tests.Ecr;

/// <summary>Paths under /v2/ are read from their end, since names contain '/'; names that could escape are refused.</summary>
public sealed class RegistryRouteTests
{
    [Theory]
    [InlineData("", RegistryResource.Base, "", "")]
    [InlineData("web/manifests/1", RegistryResource.Manifest, "web", "1")]
    [InlineData("team/web/manifests/sha256:abc", RegistryResource.Manifest, "team/web", "sha256:abc")]
    [InlineData("a/manifests/manifests/latest", RegistryResource.Manifest, "a/manifests", "latest")]
    [InlineData("web/blobs/sha256:abc", RegistryResource.Blob, "web", "sha256:abc")]
    [InlineData("web/blobs/uploads/", RegistryResource.Upload, "web", "")]
    [InlineData("web/blobs/uploads/0b5a3ed2-1d7c-4c4c-9c43-c3f4d1b5a0e1", RegistryResource.Upload, "web", "0b5a3ed2-1d7c-4c4c-9c43-c3f4d1b5a0e1")]
    [InlineData("a/b/c/tags/list", RegistryResource.Tags, "a/b/c", "")]
    public void Parse_Path_FindsResourceNameAndReference(string path, RegistryResource resource, string name, string reference) =>
        Assert.Equal(new RegistryRoute(resource, name, reference), RegistryRoute.Parse(path));

    [Theory]
    [InlineData("web")]
    [InlineData("web/other/1")]
    [InlineData("manifests/1")]
    public void Parse_NoResource_IsNull(string path) => Assert.Null(RegistryRoute.Parse(path));

    [Theory]
    [InlineData("web", true)]
    [InlineData("team/web-app_1.x", true)]
    [InlineData("../etc", false)]
    [InlineData("web/../../etc", false)]
    [InlineData("/web", false)]
    [InlineData("web/", false)]
    [InlineData("Web", false)]
    [InlineData("web%2f..", false)]
    [InlineData("w", false)]
    [InlineData("web@sha256", false)]
    [InlineData("web:tag", false)]
    public void IsValid_Name_FollowsEcrPattern(string name, bool valid) => Assert.Equal(valid, RepositoryNames.IsValid(name));
}
