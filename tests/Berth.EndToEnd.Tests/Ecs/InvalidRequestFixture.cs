using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Ecs;

/// <summary>A server holding a few resources (cluster "steady", task definition "steady:1", an account setting), on
/// which every <see cref="InvalidRequestCases"/> request is sent once, in one python process, with a snapshot of
/// everything stored taken before and after each.</summary>
public sealed class InvalidRequestFixture : BerthServerFixture
{
    private const string Seed = """
        client = ecs()
        client.create_cluster(clusterName='steady', tags=[{'key': 'team', 'value': 'core'}, {'key': 'tier', 'value': 'gold'}])
        client.register_task_definition(
            family='steady', containerDefinitions=[{'name': 'app', 'image': 'busybox', 'memory': 64}], tags=[{'key': 'team', 'value': 'core'}])
        client.put_account_setting(name='taskLongArnFormat', value='enabled')
        emit(seeded=True)
        """;

    private const string RunCases = """
        strict = ecs()
        raw = raw_ecs()
        cluster_arn = strict.describe_clusters(clusters=['steady'])['clusters'][0]['clusterArn']
        account = cluster_arn.split(':')[4]
        task_definition_arn = f'arn:aws:ecs:{REGION}:{account}:task-definition/steady:1'

        def snapshot():
            return plain({
                'clusters': sorted(strict.list_clusters()['clusterArns']),
                'steady': strict.describe_clusters(clusters=['steady'], include=['TAGS', 'SETTINGS', 'CONFIGURATIONS'])['clusters'],
                'families': strict.list_task_definition_families()['families'],
                'active': strict.list_task_definitions()['taskDefinitionArns'],
                'inactive': strict.list_task_definitions(status='INACTIVE')['taskDefinitionArns'],
                'definition': strict.describe_task_definition(taskDefinition='steady:1', include=['TAGS']),
                'definitionTags': strict.list_tags_for_resource(resourceArn=task_definition_arn)['tags'],
                'settings': strict.list_account_settings()['settings'],
            })

        results = {}
        for case in json.load(open(sys.argv[1])):
            params = json.loads(case['Parameters'].replace('{clusterArn}', cluster_arn).replace('{taskDefinitionArn}', task_definition_arn))
            before = snapshot()
            result = outcome(raw, case['Operation'], **params)
            after = snapshot()
            changed = {'before': before, 'after': after} if before != after else {}
            results[case['Label']] = {'result': result, 'unchanged': before == after, **changed}
        emit(**results)
        """;

    private readonly Lazy<Task<(ProcessResult Run, JsonNode Results)>> outcomes;

    public InvalidRequestFixture() => outcomes = new(RunAllAsync);

    /// <summary>The run of every case; started by the first test that asks.</summary>
    public Task<(ProcessResult Run, JsonNode Results)> OutcomesAsync() => outcomes.Value;

    protected override async Task SeedAsync() => (await BotoAsync(Seed).ConfigureAwait(false)).AssertSuccess();

    private async Task<(ProcessResult, JsonNode)> RunAllAsync()
    {
        var casesFile = Path.Combine(Scratch, "invalid-requests.json");
        await File.WriteAllTextAsync(casesFile, JsonSerializer.Serialize(InvalidRequestCases.All)).ConfigureAwait(false);
        var run = await BotoAsync(RunCases, casesFile).ConfigureAwait(false);
        return (run, run.AssertSuccess().Json);
    }
}
