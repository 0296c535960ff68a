using Berth.Aws.Generated.Ecs;
using Berth.Cli;
using Berth.ControlPlane.Ecs.ContainerInstances;
using Berth.ControlPlane.Placement.Engine;
using Attribute = Berth.Aws.Generated.Ecs.Attribute;

namespace Berth.Tests.Cli;

/// <summary>The dry run's text, from plans the real engine makes over a small cluster: instance "fit" (little memory, so
/// binpack prefers it), "big", "tight" (not enough memory), "offline" (agent not connected).</summary>
public sealed class PlacementReportTests
{
    private const string Prefix = "arn:aws:ecs:us-east-1:123456789012:container-instance/c1/";

    private static readonly TaskDefinition Web = new() { Family = "web", Revision = 3 };
    private static readonly TaskDemand Demand = new(256, 512, 0, ["8080"], [], []);
    private static readonly PlacementRules BinpackMemory = new(false, [], [new StrategyRule(StrategyKind.Binpack, StrategyRule.Memory)]);

    private static readonly ContainerInstance[] Cluster =
    [
        Instance("fit", "us-east-1a", 1024, 1024),
        Instance("big", "us-east-1c", 4096, 8192),
        Instance("tight", "us-east-1b", 1024, 256),
        Instance("offline", null, 4096, 8192, connected: false),
    ];

    [Fact]
    public void SomeUnplaced_ShowsEachTask_EveryOtherInstanceWithItsReason_RunTasksFailures_AndTheSeed()
    {
        var run = DryRun(Cluster, count: 3, BinpackMemory);

        Assert.False(run.AllPlaced);
        Assert.Equal(
            """
            Placing 3 tasks of web:3 in cluster c1 (group family:web, seed 17)
              each task needs: cpu 256, memory 512 MiB, tcp ports 8080
              constraints: memberOf(attribute:stack == prod), distinctInstance
              strategies: binpack(memory)

            Placements:
              task 1  fit      us-east-1a  leaves cpu 768, memory 512 MiB
              task 2  big      us-east-1c  leaves cpu 3840, memory 7680 MiB
              task 3  not placed

            Other instances:
              offline  -           AGENT
              tight    us-east-1b  RESOURCE:MEMORY

            Failures RunTask would report:
              arn:aws:ecs:us-east-1:123456789012:container-instance/c1/big  RESOURCE:PORTS
              arn:aws:ecs:us-east-1:123456789012:container-instance/c1/fit  RESOURCE:PORTS
              arn:aws:ecs:us-east-1:123456789012:container-instance/c1/offline  AGENT
              arn:aws:ecs:us-east-1:123456789012:container-instance/c1/tight  RESOURCE:MEMORY

            2 of 3 tasks would be placed, on 2 of 4 instances; 1 would not. Nothing was started; --seed 17 repeats this plan.

            """.ReplaceLineEndings(),
            PlacementReport.Render(run with
            {
                Constraints = [new PlacementConstraint { Type = "memberOf", Expression = "attribute:stack == prod" }, new PlacementConstraint { Type = "distinctInstance" }],
            }));
    }

    [Fact]
    public void AllPlaced_AnEligibleInstanceNotChosen_IsSaidToBeNotPreferred_AndNoFailuresAreShown()
    {
        var run = DryRun(Cluster, count: 1, BinpackMemory);
        var text = PlacementReport.Render(run);

        Assert.True(run.AllPlaced);
        Assert.Contains("  task 1  fit      us-east-1a  leaves cpu 768, memory 512 MiB", text, StringComparison.Ordinal);
        Assert.Contains("  big      us-east-1c  eligible, not preferred by the strategies", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Failures", text, StringComparison.Ordinal);
        Assert.Contains("constraints: none", text, StringComparison.Ordinal);
        Assert.EndsWith("1 of 1 task would be placed, on 1 of 4 instances. Nothing was started; --seed 17 repeats this plan.\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TasksOnOneInstance_EachLineShowsWhatIsLeftAfterIt()
    {
        var text = PlacementReport.Render(DryRun([Instance("only", "us-east-1a", 1024, 2048)], count: 3, PlacementRules.None, new TaskDemand(256, 512, 0, [], [], [])));

        Assert.Contains("each task needs: cpu 256, memory 512 MiB, tcp ports none", text, StringComparison.Ordinal);
        Assert.Contains("strategies: none", text, StringComparison.Ordinal);
        Assert.Contains("  task 1  only  us-east-1a  leaves cpu 768, memory 1536 MiB", text, StringComparison.Ordinal);
        Assert.Contains("  task 3  only  us-east-1a  leaves cpu 256, memory 512 MiB", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_ShowsUdpPortsAndRequiredAttributes_OnlyWhenThereAreAny()
    {
        var only = Instance("only", "us-east-1a", 1024, 2048);
        only = only with { Attributes = [.. only.Attributes!, new Attribute { Name = "ecs.capability.secrets" }] };
        var text = PlacementReport.Render(DryRun([only], count: 1, PlacementRules.None, new TaskDemand(256, 512, 0, ["80"], ["53"], ["ecs.capability.secrets"])));

        Assert.Contains(
            "each task needs: cpu 256, memory 512 MiB, tcp ports 80, udp ports 53, attributes ecs.capability.secrets\n", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("  task 1  only  us-east-1a", text, StringComparison.Ordinal);
    }

    [Fact]
    public void NoActiveInstance_SaysRunTaskWouldAnswerAnError()
    {
        var run = DryRun([Instance("draining", "us-east-1a", 1024, 2048, status: InstanceStatus.Draining)], count: 1, PlacementRules.None);
        var text = PlacementReport.Render(run);

        Assert.False(run.HasActiveInstance);
        Assert.Contains("  draining  us-east-1a  DRAINING", text, StringComparison.Ordinal);
        Assert.Contains(
            "  none: RunTask would answer InvalidParameterException: No Container Instances were found in your cluster.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyCluster_SaysSo()
    {
        var text = PlacementReport.Render(DryRun([], count: 2, PlacementRules.None));

        Assert.Contains("  none: the cluster has no container instances", text, StringComparison.Ordinal);
        Assert.Contains("0 of 2 tasks would be placed, on 0 of 0 instances; 2 would not.", text, StringComparison.Ordinal);
    }

    private static PlacementDryRun DryRun(IEnumerable<ContainerInstance> instances, int count, PlacementRules rules, TaskDemand? demand = null)
    {
        var request = new PlacementRequest(demand ?? Demand, "family:web", rules, count, Seed: 17);
        return new PlacementDryRun("c1", Web, request, [], PlacementEngine.Plan(ClusterSnapshot.Of(instances, []), request));
    }

    private static ContainerInstance Instance(string id, string? zone, int cpu, int memory, bool connected = true, string status = InstanceStatus.Active) => new()
    {
        ContainerInstanceArn = Prefix + id,
        Status = status,
        AgentConnected = connected,
        RemainingResources =
        [
            InstanceResources.IntegerOf(InstanceResources.Cpu, cpu),
            InstanceResources.IntegerOf(InstanceResources.Memory, memory),
            InstanceResources.StringSetOf(InstanceResources.Ports, ["22"]),
        ],
        Attributes = zone is null ? [] : [new Attribute { Name = "ecs.availability-zone", Value = zone }],
    };
}
