using Berth.Aws.Generated.Ecr;
using Berth.Aws.Protocol;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecr;

/// <summary>Repository policies through the ECR API, and an explicit Deny honoured on later calls.</summary>
public sealed class RepositoryPolicyHandlersTests : EcrHandlerTests
{
    private const string InstanceArn = "arn:aws:sts::123456789012:assumed-role/berth-container-instance/i-0abc";

    private const string DenyInstancesPush =
        """{"Version":"2012-10-17","Statement":[{"Sid":"NoPush","Effect":"Deny","Principal":{"AWS":"arn:aws:iam::123456789012:role/berth-container-instance"},"Action":["ecr:PutImage","ecr:InitiateLayerUpload"]}]}""";

    private const string DenyEveryoneEverything = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"ecr:*"}]}""";

    [Fact]
    public async Task SetThenGet_AnswersTheTextAsSet()
    {
        await Ecr.CreateRepositoryAsync("web");

        var set = await Ecr.Policies.SetRepositoryPolicy(Ecr.Caller("SetRepositoryPolicy"), new SetRepositoryPolicyRequest { RepositoryName = "web", PolicyText = DenyInstancesPush }, default);
        var got = await Ecr.Policies.GetRepositoryPolicy(Ecr.Caller("GetRepositoryPolicy"), new GetRepositoryPolicyRequest { RepositoryName = "web" }, default);

        Assert.Equal((EcrHarness.Account, "web", DenyInstancesPush), (set.RegistryId, set.RepositoryName, set.PolicyText));
        Assert.Equal(DenyInstancesPush, got.PolicyText);
    }

    [Fact]
    public async Task Set_Invalid_IsInvalidParameterAndStoresNothing()
    {
        await Ecr.CreateRepositoryAsync("web");

        var error = await Assert.ThrowsAsync<AwsException>(async () => await Ecr.Policies.SetRepositoryPolicy(Ecr.Caller("SetRepositoryPolicy"),
            new SetRepositoryPolicyRequest { RepositoryName = "web", PolicyText = """{"Statement":[{"Effect":"Allow"}]}""" }, default));

        Assert.Equal("InvalidParameterException", error.Code);
        Assert.Null((await Ecr.Store.Repositories.GetAsync(Ecr.Partition, "web", default))!.Value.RepositoryPolicy);
    }

    [Fact]
    public async Task GetAndDelete_WithoutPolicy_AreRepositoryPolicyNotFound()
    {
        await Ecr.CreateRepositoryAsync("web");

        var get = await Assert.ThrowsAsync<AwsException>(async () =>
            await Ecr.Policies.GetRepositoryPolicy(Ecr.Caller("GetRepositoryPolicy"), new GetRepositoryPolicyRequest { RepositoryName = "web" }, default));
        var delete = await Assert.ThrowsAsync<AwsException>(async () =>
            await Ecr.Policies.DeleteRepositoryPolicy(Ecr.Caller("DeleteRepositoryPolicy"), new DeleteRepositoryPolicyRequest { RepositoryName = "web" }, default));

        Assert.Equal(("RepositoryPolicyNotFoundException", "RepositoryPolicyNotFoundException"), (get.Code, delete.Code));
        Assert.Equal("Repository policy does not exist for the repository with name 'web' in the registry with id '123456789012'", get.Message);
    }

    [Fact]
    public async Task Set_PolicyLockingTheCallerOut_NeedsForce()
    {
        await Ecr.CreateRepositoryAsync("web");

        var error = await Assert.ThrowsAsync<AwsException>(async () => await Ecr.Policies.SetRepositoryPolicy(Ecr.Caller("SetRepositoryPolicy"),
            new SetRepositoryPolicyRequest { RepositoryName = "web", PolicyText = DenyEveryoneEverything }, default));
        await Ecr.Policies.SetRepositoryPolicy(Ecr.Caller("SetRepositoryPolicy"),
            new SetRepositoryPolicyRequest { RepositoryName = "web", PolicyText = DenyEveryoneEverything, Force = true }, default);

        Assert.Equal("InvalidParameterException", error.Code);
        Assert.Equal(DenyEveryoneEverything, (await Ecr.Store.Repositories.GetAsync(Ecr.Partition, "web", default))!.Value.RepositoryPolicy);
    }

    [Fact]
    public async Task ExplicitDeny_RefusesTheDeniedPrincipalOnly()
    {
        await Ecr.CreateRepositoryAsync("web");
        await Ecr.Policies.SetRepositoryPolicy(Ecr.Caller("SetRepositoryPolicy"), new SetRepositoryPolicyRequest { RepositoryName = "web", PolicyText = DenyInstancesPush }, default);

        var denied = await Assert.ThrowsAsync<AwsException>(async () =>
            await Ecr.Layers.InitiateLayerUpload(Ecr.Caller("InitiateLayerUpload", InstanceArn), new InitiateLayerUploadRequest { RepositoryName = "web" }, default));
        var listed = await Ecr.Images.ListImages(Ecr.Caller("ListImages", InstanceArn), new ListImagesRequest { RepositoryName = "web" }, default);
        var adminUpload = await Ecr.Layers.InitiateLayerUpload(Ecr.Caller("InitiateLayerUpload"), new InitiateLayerUploadRequest { RepositoryName = "web" }, default);

        Assert.Equal("AccessDeniedException", denied.Code);
        Assert.Equal(
            $"User: {InstanceArn} is not authorized to perform: ecr:InitiateLayerUpload on resource: arn:aws:ecr:us-east-1:123456789012:repository/web with an explicit deny in a resource-based policy",
            denied.Message);
        Assert.Empty(listed.ImageIds!);
        Assert.NotNull(adminUpload.UploadId);
    }

    [Fact]
    public async Task Delete_AnswersThePolicyAndLiftsTheDeny()
    {
        await Ecr.CreateRepositoryAsync("web");
        await Ecr.Policies.SetRepositoryPolicy(Ecr.Caller("SetRepositoryPolicy"), new SetRepositoryPolicyRequest { RepositoryName = "web", PolicyText = DenyInstancesPush }, default);

        var deleted = await Ecr.Policies.DeleteRepositoryPolicy(Ecr.Caller("DeleteRepositoryPolicy"), new DeleteRepositoryPolicyRequest { RepositoryName = "web" }, default);
        var upload = await Ecr.Layers.InitiateLayerUpload(Ecr.Caller("InitiateLayerUpload", InstanceArn), new InitiateLayerUploadRequest { RepositoryName = "web" }, default);

        Assert.Equal(DenyInstancesPush, deleted.PolicyText);
        Assert.NotNull(upload.UploadId);
    }
}
