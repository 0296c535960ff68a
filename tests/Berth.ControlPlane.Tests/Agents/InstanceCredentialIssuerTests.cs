using Berth.Aws.Generated.Ecs;
using Berth.Aws.Protocol;
using Berth.ControlPlane.Agents;
using Berth.ControlPlane.Tests.Ecs;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Agents;

public sealed class InstanceCredentialIssuerTests : AgentTests
{
    [Fact]
    public async Task Issue_RegisteredInstance_StoredCachedAndBoundToTheInstance()
    {
        var issued = await Issuer.IssueAsync(Admin, InstanceArn, default);

        Assert.StartsWith("ASIA", issued.AccessKeyId, StringComparison.Ordinal);
        Assert.Equal(20, issued.AccessKeyId.Length);
        Assert.Equal(40, issued.SecretAccessKey.Length);
        Assert.Equal(InstanceArn, issued.ContainerInstanceArn);
        var credential = Cache.Find(issued.AccessKeyId)!;
        Assert.Equal(issued.SecretAccessKey, credential.SecretAccessKey);
        Assert.Equal(InstanceArn, credential.BoundContainerInstanceArn);
        Assert.Equal($"arn:aws:sts::{EcsHarness.Account}:assumed-role/berth-container-instance/{InstanceArn.Split('/')[^1]}", credential.PrincipalArn);
        Assert.NotNull(await Credentials.Documents.GetAsync(EcsHarness.Account, issued.AccessKeyId, default));
    }

    [Fact]
    public async Task Issue_Again_RevokesThePreviousKeyInStoreAndCache()
    {
        var first = await Issuer.IssueAsync(Admin, InstanceArn, default);

        var second = await Issuer.IssueAsync(Admin, InstanceArn, default);

        Assert.NotEqual(first.AccessKeyId, second.AccessKeyId);
        Assert.Null(Cache.Find(first.AccessKeyId));
        Assert.Null(await Credentials.Documents.GetAsync(EcsHarness.Account, first.AccessKeyId, default));
        Assert.NotNull(Cache.Find(second.AccessKeyId));
    }

    [Fact]
    public async Task Issue_TwoInstances_EachKeepsItsOwnKey()
    {
        var other = await RegisterAsync();
        var first = await Issuer.IssueAsync(Admin, InstanceArn, default);

        await Issuer.IssueAsync(Admin, other, default);

        Assert.NotNull(Cache.Find(first.AccessKeyId));
    }

    [Fact]
    public async Task Load_AfterRestart_CacheHoldsTheStoredKeys()
    {
        var issued = await Issuer.IssueAsync(Admin, InstanceArn, default);
        var fresh = new InstanceCredentialCache();

        await Credentials.LoadAsync(EcsHarness.Account, fresh, default);

        Assert.Equal(InstanceArn, fresh.Find(issued.AccessKeyId)?.BoundContainerInstanceArn);
    }

    [Fact]
    public async Task Issue_DeregisteredInstance_InvalidParameterException()
    {
        await Ecs.Registration.DeregisterContainerInstance(
            Ecs.Caller(), new DeregisterContainerInstanceRequest { Cluster = "prod", ContainerInstance = InstanceArn }, default);

        Assert.Equal("InvalidParameterException", (await Assert.ThrowsAsync<AwsException>(() => Issuer.IssueAsync(Admin, InstanceArn, default))).Code);
    }

    [Theory]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:container-instance/prod/0000000000000000000000000000ffff")]
    [InlineData("arn:aws:ecs:us-east-1:999999999999:container-instance/prod/0000000000000000000000000000ffff")]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:cluster/prod")]
    [InlineData("0000000000000000000000000000ffff")]
    public async Task Issue_NotAnInstanceOfTheAccount_InvalidParameterException(string arn) =>
        Assert.Equal("InvalidParameterException", (await Assert.ThrowsAsync<AwsException>(() => Issuer.IssueAsync(Admin, arn, default))).Code);

    [Fact]
    public async Task Issue_ByAnInstanceKey_AccessDenied403()
    {
        var issued = await Issuer.IssueAsync(Admin, InstanceArn, default);

        var error = await Assert.ThrowsAsync<AwsException>(() => Issuer.IssueAsync(Cache.Find(issued.AccessKeyId)!, InstanceArn, default));

        Assert.Equal(("AccessDeniedException", 403), (error.Code, error.StatusCode));
    }
}
