using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Lifecycle;

/// <summary><c>--accept-any-credentials</c>, for tools configured for LocalStack or moto: any key and secret are
/// accepted and a 12-digit access key names the account. Without the flag the same request is refused.</summary>
public sealed class AcceptAnyCredentialsTests(AcceptAnyCredentialsFixture open, BerthServerFixture strict)
    : IClassFixture<AcceptAnyCredentialsFixture>, IClassFixture<BerthServerFixture>
{
    private const string AccountKey = "123456789012";

    [Fact]
    public async Task CreateCluster_AccountIdAsAccessKeyAndAnySecret_ClusterInThatAccount()
    {
        var client = open.Client.With("AWS_ACCESS_KEY_ID", AccountKey).With("AWS_SECRET_ACCESS_KEY", "anything-at-all");

        var created = await AwsCli.RunAsync(client, "ecs", "create-cluster", "--cluster-name", "any");

        created.Verify(j => Assert.Equal($"arn:aws:ecs:us-east-1:{AccountKey}:cluster/any", j.Str("cluster.clusterArn")));
        Assert.Contains("--accept-any-credentials", open.Server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateCluster_NonAccountAccessKey_ClusterInDataDirAccountAndAccountsKeptApart()
    {
        var client = open.Client.With("AWS_ACCESS_KEY_ID", "AKIAANYTHINGATALL000").With("AWS_SECRET_ACCESS_KEY", "x");

        var result = await Boto.RunAsync(client, """
            client = ecs()
            arn = client.create_cluster(clusterName='data-dir-account')['cluster']['clusterArn']
            other = raw_ecs(aws_access_key_id='210987654321', aws_secret_access_key='y')
            emit(arn=arn, otherAccountSees=other.list_clusters()['clusterArns'])
            """);

        result.Verify(j =>
        {
            Assert.Equal($"arn:aws:ecs:us-east-1:{AcceptAnyCredentialsFixture.DataDirAccount}:cluster/data-dir-account", j.Str("arn"));
            Assert.Empty(j.Strings("otherAccountSees"));
        });
    }

    [Fact]
    public async Task CreateCluster_AccountIdAsAccessKeyWithoutTheFlag_UnrecognizedClientAndNothingCreated()
    {
        var client = strict.Client.With("AWS_ACCESS_KEY_ID", AccountKey).With("AWS_SECRET_ACCESS_KEY", "anything-at-all");

        var refused = await AwsCli.RunAsync(client, "ecs", "create-cluster", "--cluster-name", "any");
        var listed = await strict.AwsAsync("ecs", "list-clusters");

        refused.AssertAwsError("UnrecognizedClientException");
        listed.Verify(j => Assert.DoesNotContain(j.Strings("clusterArns"), arn => arn.EndsWith(":cluster/any", StringComparison.Ordinal)));
    }
}
