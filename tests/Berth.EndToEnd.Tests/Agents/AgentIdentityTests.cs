using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Agents;

/// <summary>Instance credentials through boto3 and botocore's signer: issued by the administrator, confined to the agent's
/// operations for its own instance, revoked by re-issuing.</summary>
public sealed class AgentIdentityTests(AgentFixture fixture) : IClassFixture<AgentFixture>
{
    [Fact]
    public async Task InstanceCredentials_IssuedAndConfinedToTheAgentOperations()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            client.create_cluster(clusterName='agents-identity')
            arn = client.register_container_instance(**agent_registration('agents-identity'))['containerInstance']['containerInstanceArn']
            other = client.register_container_instance(**agent_registration('agents-identity'))['containerInstance']['containerInstanceArn']
            first = agent_credentials(arn)
            issued = agent_credentials(arn)
            instance = instance_ecs(issued['body'])
            emit(
                arn=arn,
                first=first,
                issued=issued,
                poll=outcome(instance, 'discover_poll_endpoint', containerInstance=arn, cluster='agents-identity'),
                otherPoll=outcome(instance, 'discover_poll_endpoint', containerInstance=other, cluster='agents-identity'),
                create=outcome(instance, 'create_cluster', clusterName='agents-identity-nope'),
                listClusters=outcome(instance, 'list_clusters'),
                reregister=outcome(instance, 'register_container_instance', **agent_registration('agents-identity', containerInstanceArn=arn)),
                revoked=outcome(instance_ecs(first['body']), 'discover_poll_endpoint', containerInstance=arn),
                byInstance=agent_credentials(arn, issued['body']['accessKeyId'], issued['body']['secretAccessKey']),
                unknown=agent_credentials(arn[:-4] + 'ffff'),
                adminPoll=outcome(client, 'discover_poll_endpoint', containerInstance=other))
            """);

        result.Verify(j =>
        {
            var arn = j.Str("arn")!;
            Assert.Equal(200, j.Int("issued.status"));
            Assert.Equal(arn, j.Str("issued.body.containerInstanceArn"));
            Assert.StartsWith("ASIA", j.Str("issued.body.accessKeyId"), StringComparison.Ordinal);
            Assert.NotEqual(j.Str("first.body.accessKeyId"), j.Str("issued.body.accessKeyId"));

            Assert.Equal(fixture.Server.Endpoint, j.Str("poll.ok.endpoint"));
            Assert.Equal(fixture.Server.Endpoint, j.Str("poll.ok.telemetryEndpoint"));
            Assert.False(j.Has("poll.ok.serviceConnectEndpoint"));
            Assert.Equal(200, j.Int("reregister.status"));
            Assert.Equal(fixture.Server.Endpoint, j.Str("adminPoll.ok.endpoint"));

            var principal = $"arn:aws:sts::{arn.Split(':')[4]}:assumed-role/berth-container-instance/{arn.Split('/')[^1]}";
            Assert.Equal(("AccessDeniedException", 400), (j.Str("create.error"), j.Int("create.status")));
            Assert.Equal($"User: {principal} is not authorized to perform: ecs:CreateCluster", j.Str("create.message"));
            Assert.Equal("AccessDeniedException", j.Str("listClusters.error"));
            Assert.Equal("AccessDeniedException", j.Str("otherPoll.error"));

            Assert.Equal("UnrecognizedClientException", j.Str("revoked.error"));
            Assert.Equal((403, "AccessDeniedException"), (j.Int("byInstance.status"), j.Str("byInstance.body.__type")));
            Assert.Equal((400, "InvalidParameterException"), (j.Int("unknown.status"), j.Str("unknown.body.__type")));
        });
    }
}
