using System.Text.Json.Nodes;
using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Protocol;

/// <summary>Sends every hand-made request of <see cref="RawRequestTests"/> once, in one python process. Each request
/// (but the control) tries to create cluster "intruder"; after each, the run checks that it does not exist and that
/// the cluster list did not change.</summary>
public sealed class RawRequestFixture : BerthServerFixture
{
    /// <summary>The requests, by label. Requests are made with botocore's SigV4 signer and sent with urllib, so
    /// headers, body, signing time and scope are whatever each case needs.</summary>
    private const string RunCases = """
        BODY = '{"clusterName": "intruder"}'
        WRONG_SECRET = 'x' * 40
        UNKNOWN_KEY = 'AKIAIOSFODNN7EXAMPLE'
        UNSIGNED_AUTH = {
            'Authorization': f'AWS4-HMAC-SHA256 Credential={ACCESS_KEY}/20260101/{REGION}/ecs/aws4_request, SignedHeaders=host;x-amz-date',
            'X-Amz-Date': '20260101T000000Z',
        }
        CASES = {
            'control: a correctly signed request': lambda: send('ListClusters', '{}'),
            'signed with the wrong secret': lambda: send('CreateCluster', BODY, secret_key=WRONG_SECRET),
            'unknown access key': lambda: send('CreateCluster', BODY, access_key=UNKNOWN_KEY),
            'no Authorization header': lambda: send('CreateCluster', BODY, sign=False),
            'Authorization header without a signature': lambda: send('CreateCluster', BODY, sign=False, headers=UNSIGNED_AUTH),
            'X-Amz-Date 20 minutes in the past': lambda: send('CreateCluster', BODY, signed_at=minutes_ago(20)),
            'X-Amz-Date 20 minutes in the future': lambda: send('CreateCluster', BODY, signed_at=minutes_ago(-20)),
            'credential scoped to another service': lambda: send('CreateCluster', BODY, service='sqs'),
            'malformed JSON body': lambda: send('CreateCluster', '{"clusterName": "intruder"'),
            'JSON array as the body': lambda: send('CreateCluster', '["intruder"]'),
            'clusterName of the wrong JSON type': lambda: send('CreateCluster', '{"clusterName": ["intruder"]}'),
            'unknown ECS operation': lambda: send('CreateClusterNow', BODY),
            'unknown target prefix': lambda: send('CreateCluster', BODY, target_prefix='AmazonSQS'),
            'operation not implemented': lambda: send('CreateTaskSet', '{"cluster": "intruder", "service": "intruder", "taskDefinition": "intruder"}'),
            'boto3 client with the wrong secret': lambda: outcome(
                raw_ecs(aws_access_key_id=ACCESS_KEY, aws_secret_access_key=WRONG_SECRET), 'create_cluster', clusterName='intruder'),
            'boto3 client with an unknown access key': lambda: outcome(
                raw_ecs(aws_access_key_id=UNKNOWN_KEY, aws_secret_access_key=SECRET_KEY), 'create_cluster', clusterName='intruder'),
        }

        strict = ecs()
        strict.create_cluster(clusterName='resident')
        def snapshot():
            return {
                'clusters': sorted(strict.list_clusters()['clusterArns']),
                'intruder': strict.describe_clusters(clusters=['intruder'])['clusters'],
            }

        results = {}
        for label, request in CASES.items():
            before = snapshot()
            result = request()
            after = snapshot()
            results[label] = {'result': result, 'unchanged': before == after and not after['intruder'], 'after': after}
        emit(**results)
        """;

    private readonly Lazy<Task<(ProcessResult Run, JsonNode Results)>> outcomes;

    public RawRequestFixture() => outcomes = new(RunAllAsync);

    public Task<(ProcessResult Run, JsonNode Results)> OutcomesAsync() => outcomes.Value;

    private async Task<(ProcessResult, JsonNode)> RunAllAsync()
    {
        var run = await BotoAsync(RunCases).ConfigureAwait(false);
        return (run, run.AssertSuccess().Json);
    }
}
