using System.Text.RegularExpressions;
using Berth.EndToEnd.Tests.Agents;
using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Cli;

/// <summary><c>berth place</c> against a real berth: instances registered and connected through the API (<see cref="ConnectedAgent"/>),
/// a rack attribute set with PutAttributes (ecs.* attributes come only with registration), the executable run with the
/// environment <c>berth env</c> gives. Each test uses a cluster of its own, and checks that the cluster, its instances and its
/// tasks are exactly as before the dry run.</summary>
public sealed partial class PlaceCommandTests(BerthServerFixture fixture) : IClassFixture<BerthServerFixture>
{
    private const string Rack = "rack";

    [Fact]
    public async Task Spread_PutsTasksOnBothRacks_ExplainsTheOthers_PrintedSeedRepeatsThePlan_NothingWritten()
    {
        const string cluster = "place-spread";
        (await fixture.BotoAsync("ecs().create_cluster(clusterName=sys.argv[1])", cluster)).AssertSuccess();
        await using var a1 = await ConnectedAgent.StartAsync(fixture, cluster, memory: 1024);
        await using var a2 = await ConnectedAgent.StartAsync(fixture, cluster, memory: 1024);
        await using var b = await ConnectedAgent.StartAsync(fixture, cluster, memory: 1024);
        var offline = await RegisterOfflineAsync(cluster, "us-east-1c");
        await SetRacksAsync(cluster, (a1.Arn, "r1"), (a2.Arn, "r1"), (b.Arn, "r2"), (offline, "r3"));
        (await fixture.BotoAsync("""
            ecs().register_task_definition(family='place-web', containerDefinitions=[{'name': 'web', 'image': TEST_IMAGE, 'cpu': 128,
                'memory': 256, 'portMappings': [{'containerPort': 80, 'hostPort': 8080}]}])
            """)).AssertSuccess();
        var before = await StateAsync(cluster);

        var first = await PlaceAsync("--cluster", cluster, "--task-definition", "place-web", "--count", "2", "--strategy", $"spread:attribute:{Rack}");
        var seed = SeedLine().Match(first.Stdout).Groups[1].Value;
        var again = await PlaceAsync("--cluster", cluster, "--task-definition", "place-web", "--count", "2", "--strategy", $"spread:attribute:{Rack}", "--seed", seed);

        Assert.True(first.ExitCode == 0, first.Describe());
        Assert.NotEmpty(seed);
        Assert.Contains("Placing 2 tasks of place-web:1 in cluster place-spread (group family:place-web, seed", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("each task needs: cpu 128, memory 256 MiB, tcp ports 8080", first.Stdout, StringComparison.Ordinal);
        Assert.Contains($"strategies: spread(attribute:{Rack})", first.Stdout, StringComparison.Ordinal);
        var tasks = Lines(first.Stdout, "  task ");
        Assert.Equal(2, tasks.Count);
        Assert.Single(tasks, t => t.Contains(Id(a1.Arn), StringComparison.Ordinal) || t.Contains(Id(a2.Arn), StringComparison.Ordinal));
        Assert.Single(tasks, t => t.Contains(Id(b.Arn), StringComparison.Ordinal) && t.EndsWith("leaves cpu 1920, memory 768 MiB", StringComparison.Ordinal));
        Assert.Equal([$"  {Id(offline)}  us-east-1c  AGENT"], Lines(first.Stdout, $"  {Id(offline)}"));
        Assert.Contains("eligible, not preferred by the strategies", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("2 of 2 tasks would be placed, on 2 of 4 instances. Nothing was started", first.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(first.Stdout, again.Stdout);
        Assert.Equal(before, await StateAsync(cluster));
    }

    [Fact]
    public async Task DistinctInstance_CountsTheGroupsTasksAlreadyThere_ReportsRunTasksFailures_ExitsOne()
    {
        const string cluster = "place-distinct";
        (await fixture.BotoAsync("ecs().create_cluster(clusterName=sys.argv[1])", cluster)).AssertSuccess();
        await using var busy = await ConnectedAgent.StartAsync(fixture, cluster, memory: 1024);
        await using var free = await ConnectedAgent.StartAsync(fixture, cluster, memory: 1024);
        var run = await fixture.BotoAsync("""
            client = ecs()
            client.register_task_definition(family='place-worker', containerDefinitions=[{'name': 'w', 'image': TEST_IMAGE, 'cpu': 128, 'memory': 128}])
            emit(started=client.start_task(cluster=sys.argv[1], taskDefinition='place-worker', containerInstances=[sys.argv[2]]))
            """, cluster, busy.Arn);
        run.Verify(j => Assert.Equal(busy.Arn, j.Str("started.tasks.0.containerInstanceArn")));
        var before = await StateAsync(cluster);

        var result = await PlaceAsync("--cluster", cluster, "--task-definition", "place-worker", "--count", "2", "--constraint", "distinctInstance");
        var otherGroup = await PlaceAsync(
            "--cluster", cluster, "--task-definition", "place-worker", "--count", "2", "--constraint", "distinctInstance", "--group", "service:other");

        Assert.True(result.ExitCode == 1, result.Describe());
        Assert.Contains("constraints: distinctInstance", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"  task 1  {Id(free.Arn)}", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  task 2  not placed", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"  {busy.Arn}  DistinctInstance placement constraint unsatisfied.", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"  {free.Arn}  DistinctInstance placement constraint unsatisfied.", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 of 2 tasks would be placed, on 1 of 2 instances; 1 would not.", result.Stdout, StringComparison.Ordinal);
        Assert.True(otherGroup.ExitCode == 0, otherGroup.Describe());
        Assert.Contains("(group service:other,", otherGroup.Stdout, StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(cluster));
    }

    [Theory]
    [InlineData("--cluster no-such-cluster --task-definition place-any", "berth place: the control plane answered ClusterNotFoundException: ")]
    [InlineData("--cluster place-errors --task-definition no-such-family", "berth place: the control plane answered ClientException: Unable to describe task definition.")]
    [InlineData("--task-definition place-any --endpoint http://127.0.0.1:9", "berth place: cannot reach the control plane at http://127.0.0.1:9/")]
    public async Task ApiOrConnectionError_IsOneLineAndExitsTwo(string arguments, string expected)
    {
        (await fixture.BotoAsync("ecs().create_cluster(clusterName='place-errors')")).AssertSuccess();
        var result = await PlaceAsync(arguments.Split(' '));

        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.StartsWith(expected, result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Empty(result.Stdout);
    }

    [Theory]
    [InlineData("--cluster c1", "berth: place needs --task-definition")]
    [InlineData("--task-definition web --strategy sideways", "berth: Unknown placement strategy type 'sideways'.")]
    [InlineData("--task-definition web --constraint memberOf:attribute:x==", "berth: Invalid placement constraint expression at position")]
    [InlineData("--task-definition web --count 11", "berth: --count must be at most 10")]
    public async Task BadOption_PrintsTheProblemAndTheUsage_ExitsTwo(string arguments, string expected)
    {
        var result = await PlaceAsync(arguments.Split(' '));

        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.StartsWith(expected, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("usage: berth <command>", result.Stderr, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"seed (\d+)\)")]
    private static partial Regex SeedLine();

    private static string Id(string arn) => arn[(arn.LastIndexOf('/') + 1)..];

    private static List<string> Lines(string text, string prefix) =>
        text.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => l.TrimEnd()).ToList();

    private Task<ProcessResult> PlaceAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(BerthExecutable.DotnetHost, [BerthExecutable.DllPath, "place", .. arguments], fixture.Client.Variables, timeout: TimeSpan.FromSeconds(60));

    /// <summary>An instance registered through the API, in <paramref name="zone"/>, whose agent never connects.</summary>
    private async Task<string> RegisterOfflineAsync(string cluster, string zone)
    {
        var result = await fixture.BotoAsync("""
            registration = agent_registration(sys.argv[1], memory=4096)
            registration['attributes'].append({'name': 'ecs.availability-zone', 'value': sys.argv[2]})
            emit(arn=ecs().register_container_instance(**registration)['containerInstance']['containerInstanceArn'])
            """, cluster, zone);
        return result.AssertSuccess().Json.Str("arn")!;
    }

    private async Task SetRacksAsync(string cluster, params (string Arn, string Rack)[] racks)
    {
        var arguments = racks.SelectMany(r => new[] { r.Arn, r.Rack }).Prepend(cluster).ToArray();
        (await fixture.BotoAsync($$"""
            pairs = sys.argv[2:]
            ecs().put_attributes(cluster=sys.argv[1], attributes=[
                {'name': '{{Rack}}', 'value': pairs[i + 1], 'targetType': 'container-instance', 'targetId': pairs[i]} for i in range(0, len(pairs), 2)])
            """, arguments)).AssertSuccess();
    }

    /// <summary>Everything a placement would change: the cluster's counts, each instance's version and remaining resources,
    /// and the cluster's tasks of either desired status.</summary>
    private async Task<string> StateAsync(string cluster)
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            c = sys.argv[1]
            found = client.describe_clusters(clusters=[c])['clusters'][0]
            arns = client.list_container_instances(cluster=c)['containerInstanceArns']
            instances = client.describe_container_instances(cluster=c, containerInstances=arns)['containerInstances']
            tasks = client.list_tasks(cluster=c)['taskArns'] + client.list_tasks(cluster=c, desiredStatus='STOPPED')['taskArns']
            emit(state=plain({
                'counts': [found['pendingTasksCount'], found['runningTasksCount']],
                'instances': sorted([[i['containerInstanceArn'], i.get('version'), i['remainingResources'], i['pendingTasksCount']] for i in instances]),
                'tasks': sorted(tasks)}))
            """, cluster);
        return result.AssertSuccess().Json["state"]!.ToJsonString();
    }
}
