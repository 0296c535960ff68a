using System.Text.Json.Nodes;
using Berth.EndToEnd.Tests.Infrastructure;
using static Berth.EndToEnd.Tests.Placement.PlacementFixture;

namespace Berth.EndToEnd.Tests.Placement;

/// <summary>RunTask's placement in a real cluster (see <see cref="PlacementFixture"/>): each test places tasks by a strategy
/// or constraint, checks where every task landed (describe-tasks' containerInstanceArn, and the Docker label of the agent
/// that started it), why the other instances refused, and stops its tasks before it ends so the next test starts from
/// empty instances.</summary>
public sealed class PlacementTests(PlacementFixture fixture) : IClassFixture<PlacementFixture>
{
    private const string MemberOf = "MemberOf placement constraint unsatisfied.";
    private const string DistinctInstance = "DistinctInstance placement constraint unsatisfied.";
    private const string Agent = "AGENT";

    [Fact]
    public async Task AwsCli_SpreadOverAvailabilityZones_PutsTwoTasksOnEachAgent()
    {
        (await fixture.BotoAsync("register_sleeper(ecs(), 'spread-e2e')")).AssertSuccess();
        var run = await fixture.AwsAsync(
            "ecs", "run-task", "--cluster", Cluster, "--task-definition", "spread-e2e", "--count", "4",
            "--placement-strategy", "type=spread,field=attribute:ecs.availability-zone");
        var arns = run.AssertSuccess().Json.Items("tasks").Select(t => t.Str("taskArn")!).ToArray();
        var seen = await fixture.BotoAsync("emit(**observe_and_stop(ecs(), sys.argv[1], sys.argv[2:]))", [Cluster, .. arns]);

        Assert.Empty(run.Json.Items("failures"));
        seen.Verify(j => Assert.Equal(["agent-a", "agent-a", "agent-b", "agent-b"], Placements(j)), fixture.AgentOutput);
    }

    [Fact]
    public async Task BinpackMemory_PutsEveryTaskOnTheAgentWithLessMemory()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            register_sleeper(client, 'binpack-e2e')
            emit(**run_and_stop(client, sys.argv[1], taskDefinition='binpack-e2e', count=3, placementStrategy=[{'type': 'binpack', 'field': 'memory'}]))
            """, Cluster);

        result.Verify(
            j =>
            {
                Assert.Equal(["agent-a", "agent-a", "agent-a"], Placements(j));
                Assert.Empty(j.Items("run.failures"));
            },
            fixture.AgentOutput);
    }

    /// <summary>200 MiB tasks: agent a (512) holds two, so the third goes where binpack finds the least room that still fits.</summary>
    [Fact]
    public async Task BinpackMemory_WhenTheSmallerAgentIsFull_TheNextTaskGoesToTheOther()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            register_sleeper(client, 'binpack-full-e2e', memory=200)
            emit(**run_and_stop(client, sys.argv[1], taskDefinition='binpack-full-e2e', count=3, placementStrategy=[{'type': 'binpack', 'field': 'memory'}]))
            """, Cluster);

        result.Verify(j => Assert.Equal(["agent-a", "agent-a", "agent-b"], Placements(j)), fixture.AgentOutput);
    }

    [Fact]
    public async Task MemberOfZone_PlacesOnlyOnThatZonesAgent_AndAZoneWithNoAgentFailsWithReasons()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            register_sleeper(client, 'member-e2e')
            def member_of(zone):
                return [{'type': 'memberOf', 'expression': f'attribute:ecs.availability-zone == {zone}'}]
            emit(zoneB=run_and_stop(client, sys.argv[1], taskDefinition='member-e2e', count=3, placementConstraints=member_of(sys.argv[2]),
                                    placementStrategy=[{'type': 'spread', 'field': 'instanceId'}]),
                 zoneC=client.run_task(cluster=sys.argv[1], taskDefinition='member-e2e', count=2, placementConstraints=member_of(sys.argv[3])))
            """, Cluster, ZoneB, ZoneC);

        result.Verify(
            j =>
            {
                // spread over instanceId would use offline-b too, if its missing agent did not refuse it.
                Assert.Equal(["agent-b", "agent-b", "agent-b"], Placements(j.At("zoneB")!));
                Assert.Empty(j.Items("zoneB.run.failures"));
                Assert.Empty(j.Items("zoneC.tasks"));
                Assert.Equal(
                    Reasons(("agent-a", MemberOf), ("agent-b", MemberOf), ("offline-b", Agent), ("offline-c", Agent)),
                    Failures(j.At("zoneC")!));
            },
            fixture.AgentOutput);
    }

    [Fact]
    public async Task DistinctInstance_ThreeTasks_OnePerAgent_TheThirdFailsWithEachInstancesReason()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            register_sleeper(client, 'distinct-e2e')
            emit(**run_and_stop(client, sys.argv[1], taskDefinition='distinct-e2e', count=3, placementConstraints=[{'type': 'distinctInstance'}]))
            """, Cluster);

        result.Verify(
            j =>
            {
                Assert.Equal(["agent-a", "agent-b"], Placements(j));
                Assert.Equal(
                    Reasons(("agent-a", DistinctInstance), ("agent-b", DistinctInstance), ("offline-b", Agent), ("offline-c", Agent)),
                    Failures(j.At("run")!));
            },
            fixture.AgentOutput);
    }

    [Fact]
    public async Task TaskDefinitionConstraint_IsHonoured_AndCombinesWithTheRequestsOwn()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            definition = register_sleeper(client, 'pinned-e2e', placementConstraints=[
                {'type': 'memberOf', 'expression': f'attribute:ecs.availability-zone == {sys.argv[2]}'}])
            pinned = run_and_stop(client, sys.argv[1], taskDefinition='pinned-e2e', count=2, placementStrategy=[{'type': 'spread', 'field': 'instanceId'}])
            contradicted = client.run_task(cluster=sys.argv[1], taskDefinition='pinned-e2e', placementConstraints=[
                {'type': 'memberOf', 'expression': f'attribute:ecs.availability-zone == {sys.argv[3]}'}])
            emit(definition=definition, pinned=pinned, contradicted=contradicted)
            """, Cluster, ZoneA, ZoneB);

        result.Verify(
            j =>
            {
                Assert.Equal($"attribute:ecs.availability-zone == {ZoneA}", j.Str("definition.placementConstraints.0.expression"));
                // spread over instanceId alone would put one task on each agent.
                Assert.Equal(["agent-a", "agent-a"], Placements(j.At("pinned")!));
                Assert.Empty(j.Items("contradicted.tasks"));
                Assert.Equal(
                    Reasons(("agent-a", MemberOf), ("agent-b", MemberOf), ("offline-b", Agent), ("offline-c", Agent)),
                    Failures(j.At("contradicted")!));
            },
            fixture.AgentOutput);
    }

    [Fact]
    public async Task AwsCli_MalformedMemberOfExpression_InvalidParameterException_NamesThePosition_PlacesNothing()
    {
        (await fixture.BotoAsync("register_sleeper(ecs(), 'malformed-e2e')")).AssertSuccess();
        var run = await fixture.AwsAsync(
            "ecs", "run-task", "--cluster", Cluster, "--task-definition", "malformed-e2e",
            "--placement-constraints", """[{"type":"memberOf","expression":"attribute:ecs.availability-zone zone-b"}]""");
        var listed = await fixture.AwsAsync("ecs", "list-tasks", "--cluster", Cluster, "--family", "malformed-e2e");

        // AWS CLI v1 exits 255 on a service error, v2 254.
        Assert.True(run.ExitCode is 254 or 255, run.Describe());
        run.AssertAwsError("InvalidParameterException");
        Assert.True(
            run.Stderr.Contains(
                "when calling the RunTask operation (reached max retries: 0): Invalid placement constraint expression at position 32: "
                + "expected an operator after 'attribute:ecs.availability-zone' but found 'zone-b'",
                StringComparison.Ordinal),
            run.Describe());
        Assert.Empty(listed.AssertSuccess().Json.Items("taskArns"));
    }

    [Fact]
    public async Task AwsCli_ListContainerInstancesFilter_SameLanguage_ListsTheExpectedInstances()
    {
        async Task<List<string>> ListAsync(string filter) =>
            [.. (await fixture.AwsAsync("ecs", "list-container-instances", "--cluster", Cluster, "--filter", filter))
                .AssertSuccess().Json.Strings("containerInstanceArns").Select(fixture.NameOf).Order(StringComparer.Ordinal)];

        Assert.Equal(["agent-b", "offline-b"], await ListAsync($"attribute:ecs.availability-zone == {ZoneB}"));
        Assert.Equal(["agent-a", "agent-b"], await ListAsync("agentConnected == true"));
        Assert.Equal(["agent-a", "offline-c"], await ListAsync($"attribute:ecs.availability-zone in [{ZoneA}, {ZoneC}]"));
        Assert.Equal(["offline-b"], await ListAsync($"not(agentConnected == true) && attribute:ecs.availability-zone =~ '.*-b'"));
    }

    /// <summary>Where the tasks went, as sorted instance names, after checking that each really ran there (RUNNING, its
    /// container labelled by that instance's agent) and then stopped.</summary>
    private List<string> Placements(JsonNode seen)
    {
        var running = seen.Items("running");
        Assert.All(running, t => Assert.Equal("RUNNING", t.Str("lastStatus")));
        Assert.Equal(running.Select(t => t.Str("containerInstanceArn")), seen.Strings("startedOn"));
        Assert.All(seen.Items("stopped"), t => Assert.Equal("STOPPED", t.Str("lastStatus")));
        return [.. running.Select(t => fixture.NameOf(t.Str("containerInstanceArn")!)).Order(StringComparer.Ordinal)];
    }

    /// <summary>RunTask's failures as instance name → reason.</summary>
    private Dictionary<string, string> Failures(JsonNode response) =>
        response.Items("failures").ToDictionary(f => fixture.NameOf(f.Str("arn")!), f => f.Str("reason")!);

    private static Dictionary<string, string> Reasons(params (string Instance, string Reason)[] reasons) =>
        reasons.ToDictionary(r => r.Instance, r => r.Reason);
}
