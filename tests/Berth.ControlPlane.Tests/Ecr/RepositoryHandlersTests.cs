using Berth.Aws.Generated.Ecr;
using Berth.Aws.Protocol;
using Berth.ControlPlane.Ecr.Auth;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecr;

/// <summary>Repositories: creation defaults, ECR's errors, forced deletion taking every image, tag and blob link with it.</summary>
public sealed class RepositoryHandlersTests : EcrHandlerTests
{
    [Fact]
    public async Task Create_Defaults_MutableAes256OnTheRegistryHost()
    {
        var repository = await Ecr.CreateRepositoryAsync("team/web");

        Assert.Equal("arn:aws:ecr:us-east-1:123456789012:repository/team/web", repository.RepositoryArn);
        Assert.Equal("127.0.0.1:9494/team/web", repository.RepositoryUri);
        Assert.Equal((EcrHarness.Account, ImageTagMutability.Mutable, EncryptionType.Aes256, false, EcrHarness.Start),
            (repository.RegistryId, repository.ImageTagMutability, repository.EncryptionConfiguration!.EncryptionType, repository.ImageScanningConfiguration!.ScanOnPush, repository.CreatedAt));
    }

    [Fact]
    public async Task Create_SameNameAgain_IsRepositoryAlreadyExists()
    {
        await Ecr.CreateRepositoryAsync("web");

        var error = await Assert.ThrowsAnyAsync<AwsException>(() => Ecr.CreateRepositoryAsync("web"));

        Assert.Equal(("RepositoryAlreadyExistsException", "The repository with name 'web' already exists in the registry with id '123456789012'"), (error.Code, error.Message));
    }

    [Fact]
    public async Task Create_KmsEncryption_IsRefused()
    {
        var error = await Assert.ThrowsAnyAsync<AwsException>(async () => await Ecr.Repositories.CreateRepository(Ecr.Caller(), new CreateRepositoryRequest
        {
            RepositoryName = "web", EncryptionConfiguration = new EncryptionConfiguration { EncryptionType = EncryptionType.Kms },
        }, default));

        Assert.Equal("InvalidParameterException", error.Code);
        Assert.Null(await Ecr.Store.Repositories.GetAsync(Ecr.Partition, "web", default));
    }

    [Fact]
    public async Task Describe_UnknownName_IsRepositoryNotFound()
    {
        var error = await Assert.ThrowsAnyAsync<AwsException>(async () =>
            await Ecr.Repositories.DescribeRepositories(Ecr.Caller(), new DescribeRepositoriesRequest { RepositoryNames = ["nope"] }, default));

        Assert.Equal(("RepositoryNotFoundException", "The repository with name 'nope' does not exist in the registry with id '123456789012'"), (error.Code, error.Message));
    }

    [Fact]
    public async Task Describe_Paged_ListsEveryRepositoryOnce()
    {
        foreach (var name in new[] { "c", "a", "b" }.Select(n => n + "x"))
        {
            await Ecr.CreateRepositoryAsync(name);
        }

        var first = await Ecr.Repositories.DescribeRepositories(Ecr.Caller(), new DescribeRepositoriesRequest { MaxResults = 2 }, default);
        var second = await Ecr.Repositories.DescribeRepositories(Ecr.Caller(), new DescribeRepositoriesRequest { MaxResults = 2, NextToken = first.NextToken }, default);

        Assert.Equal(["ax", "bx", "cx"], first.Repositories!.Concat(second.Repositories!).Select(r => r.RepositoryName));
        Assert.Null(second.NextToken);
    }

    [Fact]
    public async Task Delete_WithImagesWithoutForce_IsRepositoryNotEmpty()
    {
        await Ecr.CreateRepositoryAsync("web");
        await Ecr.PushImageAsync("web", "1");

        var error = await Assert.ThrowsAnyAsync<AwsException>(async () =>
            await Ecr.Repositories.DeleteRepository(Ecr.Caller(), new DeleteRepositoryRequest { RepositoryName = "web" }, default));

        Assert.Equal("RepositoryNotEmptyException", error.Code);
        Assert.NotNull(await Ecr.Store.Repositories.GetAsync(Ecr.Partition, "web", default));
    }

    [Fact]
    public async Task Delete_Forced_RemovesImagesTagsAndBlobLinksButNotAnotherRepositorysOnes()
    {
        await Ecr.CreateRepositoryAsync("web");
        await Ecr.CreateRepositoryAsync("web/api");
        await Ecr.PushImageAsync("web", "1");
        await Ecr.PushImageAsync("web/api", "1");

        await Ecr.Repositories.DeleteRepository(Ecr.Caller(), new DeleteRepositoryRequest { RepositoryName = "web", Force = true }, default);

        foreach (var kind in new[] { Ecr.Store.Images.Kind, Ecr.Store.Tags.Kind, Ecr.Store.Layers.Kind })
        {
            Assert.Empty(await Ecr.Store.KeysAsync(kind, Ecr.Partition, "web@", default));
            Assert.Empty(await Ecr.Store.KeysAsync(kind, Ecr.Partition, "web:", default));
        }

        Assert.Single(await Ecr.Store.KeysAsync(Ecr.Store.Images.Kind, Ecr.Partition, "web/api@", default));
    }

    [Fact]
    public async Task Tags_TagUntagList_RoundTrip()
    {
        var arn = (await Ecr.CreateRepositoryAsync("web")).RepositoryArn;

        await Ecr.Tags.TagResource(Ecr.Caller(), new TagResourceRequest { ResourceArn = arn, Tags = [new Tag { Key = "a", Value = "1" }, new Tag { Key = "b", Value = "2" }] }, default);
        await Ecr.Tags.UntagResource(Ecr.Caller(), new UntagResourceRequest { ResourceArn = arn, TagKeys = ["a"] }, default);

        var tags = (await Ecr.Tags.ListTagsForResource(Ecr.Caller(), new ListTagsForResourceRequest { ResourceArn = arn }, default)).Tags!;
        Assert.Equal([("b", "2")], tags.Select(t => (t.Key, t.Value)));
    }

    [Fact]
    public async Task Tags_ReservedPrefix_IsInvalidTagParameter()
    {
        var arn = (await Ecr.CreateRepositoryAsync("web")).RepositoryArn;

        var error = await Assert.ThrowsAnyAsync<AwsException>(async () =>
            await Ecr.Tags.TagResource(Ecr.Caller(), new TagResourceRequest { ResourceArn = arn, Tags = [new Tag { Key = "aws:x", Value = "1" }] }, default));

        Assert.Equal("InvalidTagParameterException", error.Code);
    }

    [Fact]
    public async Task GetAuthorizationToken_IsAwsUserWithAPasswordTheRegistryAccepts()
    {
        var data = (await Ecr.Authorization.GetAuthorizationToken(Ecr.Caller(), new GetAuthorizationTokenRequest(), default)).AuthorizationData!.Single();

        var decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(data.AuthorizationToken!));
        Assert.StartsWith("AWS:", decoded, StringComparison.Ordinal);
        Assert.Equal(new RegistryGrant(Ecr.Scope, "arn:aws:iam::123456789012:root"), Ecr.Tokens.Verify(decoded[4..]));
        Assert.Equal(("http://127.0.0.1:9494", EcrHarness.Start.AddHours(12)), (data.ProxyEndpoint, data.ExpiresAt));
    }
}
