using Berth.ControlPlane.Placement.Engine;
using static Berth.ControlPlane.Tests.Placement.PlacementFixtures;

namespace Berth.ControlPlane.Tests.Placement;

/// <summary>The engine on hand-built clusters: each filter's reason and their precedence, each strategy and chains of them,
/// constraints that the plan's own tasks change, where a plan stops, and repeatability by seed.</summary>
public sealed class PlacementEngineTests
{
    private const string ZoneA = "us-east-1a";
    private const string ZoneB = "us-east-1b";

    /// <summary>An instance that fails every filter a request can have: each fix in turn reveals the next reason, in the
    /// order ECS's process checks them (status, agent, resources, attributes, then constraints).</summary>
    [Fact]
    public void Filters_ReportTheFirstRefusal_InPrecedenceOrder()
    {
        var instance = Instance("a") with
        {
            Status = "DRAINING", Connected = false, Cpu = 100, Memory = 100, Gpus = 0, PortsInUse = ["8080"], UdpPortsInUse = ["53"],
        };
        var demand = Demand(cpu: 256, memory: 512, gpus: 1, tcp: ["8080"], udp: ["53"], requires: ["ecs.capability.needed"]);
        var rules = Rules(distinct: true, memberOf: [$"attribute:ecs.availability-zone == {ZoneA}"]);
        var steps = new (string Reason, Func<InstanceSpec, InstanceSpec> Fix)[]
        {
            ("DRAINING", i => i with { Status = "ACTIVE" }),
            (PlacementReasons.Agent, i => i with { Connected = true }),
            (PlacementReasons.Cpu, i => i with { Cpu = 4096 }),
            (PlacementReasons.Memory, i => i with { Memory = 8192 }),
            (PlacementReasons.Gpu, i => i with { Gpus = 1 }),
            (PlacementReasons.Ports, i => i with { PortsInUse = ["22"] }),
            (PlacementReasons.PortsUdp, i => i with { UdpPortsInUse = [] }),
            (PlacementReasons.Attribute, i => i.WithAttribute("ecs.capability.needed")),
            (PlacementReasons.MemberOf, i => i.InZone(ZoneA)),

            // the group's task stays on "a": renaming the instance leaves it without one
            (PlacementReasons.DistinctInstance, i => i with { Id = "b" }),
        };

        foreach (var (reason, fix) in steps)
        {
            var refused = Plan(Snapshot([instance], ("a", Web)), demand, rules);
            Assert.Equal((0, 1, reason), (refused.Placements.Length, refused.Unplaced, refused.Refusals.Single()));
            instance = fix(instance);
        }

        var placed = Plan(Snapshot([instance], ("a", Web)), demand, rules);
        Assert.Equal(("b", 0, null), (placed.Ids(), placed.Unplaced, placed.Refusals.Single()));
    }

    public static TheoryData<string, InstanceSpec, TaskDemand> SingleRefusals => new()
    {
        { "REGISTERING", Instance("a") with { Status = "REGISTERING" }, Demand() },
        { PlacementReasons.Cpu, Instance("a") with { Cpu = 255 }, Demand(cpu: 256) },
        { PlacementReasons.Memory, Instance("a") with { Memory = 511 }, Demand(memory: 512) },
        { PlacementReasons.Gpu, Instance("a") with { Gpus = 1 }, Demand(gpus: 2) },
        { PlacementReasons.Ports, Instance("a") with { PortsInUse = ["22", "443"] }, Demand(tcp: ["80", "443"]) },
        { PlacementReasons.PortsUdp, Instance("a") with { UdpPortsInUse = ["53"] }, Demand(udp: ["53"]) },
        { PlacementReasons.Attribute, Instance("a").WithAttribute("ecs.capability.a"), Demand(requires: ["ecs.capability.a", "ecs.capability.b"]) },
    };

    [Theory]
    [MemberData(nameof(SingleRefusals))]
    public void EachFilter_RefusesWithItsReason_AndExactlyEnoughFits(string reason, InstanceSpec instance, TaskDemand demand)
    {
        var plan = Plan(Snapshot([instance]), demand);

        Assert.Equal((0, 1, reason), (plan.Placements.Length, plan.Unplaced, plan.Refusals.Single()));
        var enough = instance with
        {
            Status = "ACTIVE", Cpu = demand.Cpu, Memory = demand.Memory, Gpus = demand.Gpus, PortsInUse = ["22"], UdpPortsInUse = [],
        };
        Assert.Equal("a", Plan(Snapshot([enough.WithAttribute("ecs.capability.b")]), demand).Ids());
    }

    [Fact]
    public void Resources_AreUsedUp_ByThePlansOwnTasks()
    {
        var gpus = Plan(Snapshot([Instance("a") with { Gpus = 2 }]), Demand(gpus: 1), count: 3);
        var tcp = Plan(Snapshot([Instance("a")]), Demand(tcp: ["8080"]), count: 2);
        var udp = Plan(Snapshot([Instance("a")]), Demand(udp: ["53"]), count: 2);
        var dynamic = Plan(Snapshot([Instance("a")]), Demand(), count: 2);
        var memory = Plan(Snapshot([Instance("a") with { Memory = 1500 }]), Demand(memory: 500), count: 4);

        Assert.Equal(("a a", 1, PlacementReasons.Gpu), (gpus.Ids(), gpus.Unplaced, gpus.Refusals.Single()));
        Assert.Equal(("a", 1, PlacementReasons.Ports), (tcp.Ids(), tcp.Unplaced, tcp.Refusals.Single()));
        Assert.Equal(("a", 1, PlacementReasons.PortsUdp), (udp.Ids(), udp.Unplaced, udp.Refusals.Single()));
        Assert.Equal(("a a", 0, null), (dynamic.Ids(), dynamic.Unplaced, dynamic.Refusals.Single()));
        Assert.Equal(("a a a", 1, PlacementReasons.Memory), (memory.Ids(), memory.Unplaced, memory.Refusals.Single()));
    }

    /// <summary>A plan stops at the first task nothing takes: the rest count as unplaced, and every instance keeps the reason
    /// it refused that task with.</summary>
    [Fact]
    public void PlanStops_WhenNothingTakesATask_WithEveryInstancesReason()
    {
        var snapshot = Snapshot(
        [
            Instance("a") with { Memory = 1024 },
            Instance("b") with { Status = "DRAINING" },
            Instance("c") with { Connected = false },
            Instance("d") with { Cpu = 100 },
        ]);

        var partial = Plan(snapshot, Demand(memory: 512), count: 5);
        var whole = Plan(snapshot, Demand(memory: 512), count: 1);

        Assert.Equal(("a a", 3), (partial.Ids(), partial.Unplaced));
        Assert.Equal(
            new Dictionary<string, string?> { ["a"] = PlacementReasons.Memory, ["b"] = "DRAINING", ["c"] = PlacementReasons.Agent, ["d"] = PlacementReasons.Cpu },
            partial.ReasonsById());
        Assert.Equal([("b", "DRAINING"), ("c", PlacementReasons.Agent), ("d", PlacementReasons.Cpu)], whole.Refused.Select(r => (r.Instance.Id, r.Reason)));
        Assert.Equal(("a", 0, null), (whole.Ids(), whole.Unplaced, whole.ReasonsById()["a"]));
    }

    [Fact]
    public void BinpackCpu_ChoosesTheLeastCpuLeftThatFits_AndFollowsThePlan()
    {
        var snapshot = Snapshot([Instance("a") with { Cpu = 1000 }, Instance("b") with { Cpu = 600 }, Instance("c") with { Cpu = 300 }]);

        var plan = Plan(snapshot, Demand(cpu: 400, memory: 10), Rules(strategies: Binpack(StrategyRule.Cpu)), count: 4);

        Assert.Equal("b a a", plan.Ids());
        Assert.Equal(1, plan.Unplaced);
    }

    [Fact]
    public void BinpackMemory_ChoosesTheLeastMemoryLeft_IgnoringCpu()
    {
        var snapshot = Snapshot(
        [
            Instance("a") with { Cpu = 4000, Memory = 1000 },
            Instance("b") with { Cpu = 500, Memory = 3000 },
            Instance("c") with { Cpu = 2000, Memory = 400 },
        ]);
        var demand = Demand(cpu: 100, memory: 500);

        Assert.Equal("a a b", Plan(snapshot, demand, Rules(strategies: Binpack(StrategyRule.Memory)), count: 3).Ids());
        Assert.Equal("b b b", Plan(snapshot, demand, Rules(strategies: Binpack(StrategyRule.Cpu)), count: 3).Ids());
    }

    [Fact]
    public void SpreadInstanceId_CountsTheGroupsExistingTasks_NotOtherGroups()
    {
        var snapshot = Snapshot(
            [Instance("a"), Instance("b"), Instance("c")],
            ("a", Web), ("a", Web), ("c", Web), ("b", "family:other"), ("b", "family:other"), ("b", "family:other"));
        var rules = Rules(strategies: Spread(StrategyRule.InstanceId));

        foreach (var seed in Enumerable.Range(0, 10))
        {
            var plan = Plan(snapshot, rules: rules, count: 3, seed: seed);
            Assert.Equal("b", plan.Chosen.First().Id);
            Assert.Equal(new Dictionary<string, int> { ["b"] = 2, ["c"] = 1 }, plan.CountsById());
        }
    }

    [Fact]
    public void SpreadZone_BalancesZones_NotInstances()
    {
        var snapshot = Snapshot([Instance("a").InZone(ZoneA), Instance("b").InZone(ZoneA), Instance("c").InZone(ZoneB)]);

        foreach (var seed in Enumerable.Range(0, 10))
        {
            var plan = Plan(snapshot, rules: Rules(strategies: SpreadZone), count: 4, seed: seed);
            Assert.Equal(2, plan.CountsById()["c"]);
        }
    }

    /// <summary>Instances without the attribute share one bucket: two of them holding 0 and 2 tasks make a bucket of 2, so
    /// the zones with 1 each go first.</summary>
    [Fact]
    public void SpreadZone_InstancesWithoutTheAttribute_FormOneBucket_WithTheGroupsExistingTasks()
    {
        var snapshot = Snapshot(
            [Instance("a").InZone(ZoneA), Instance("b").InZone(ZoneB), Instance("d"), Instance("e")],
            ("a", Web), ("b", Web), ("d", Web), ("d", Web), ("e", "family:other"));

        foreach (var seed in Enumerable.Range(0, 10))
        {
            var plan = Plan(snapshot, rules: Rules(strategies: SpreadZone), count: 2, seed: seed);
            Assert.Equal("a b", plan.SortedIds());
        }
    }

    [Fact]
    public void Random_DrawsAmongEligibleInstances_RoughlyEvenly()
    {
        var snapshot = Snapshot([Instance("a"), Instance("b") with { Connected = false }, Instance("c"), Instance("d") with { Memory = 1024 }]);

        var chosen = Enumerable.Range(0, 300)
            .Select(seed => Plan(snapshot, Demand(memory: 1000), Rules(strategies: RandomStrategy), seed: seed).Ids())
            .GroupBy(id => id)
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(["a", "c", "d"], chosen.Keys.Order());
        Assert.All(chosen.Values, n => Assert.InRange(n, 70, 130));
    }

    /// <summary>random settles every tie, so a strategy after it has nothing left to decide; one before it still decides.</summary>
    [Fact]
    public void StrategyAfterRandom_IsIgnored_OneBeforeItIsNot()
    {
        var snapshot = Snapshot([Instance("a") with { Memory = 1000 }, Instance("b") with { Memory = 2000 }, Instance("c") with { Memory = 3000 }]);
        string Choose(int seed, params StrategyRule[] strategies) => Plan(snapshot, Demand(memory: 500), Rules(strategies: strategies), seed: seed).Ids();

        var seeds = Enumerable.Range(0, 30).ToList();

        Assert.Equal(["a", "b", "c"], seeds.Select(s => Choose(s, RandomStrategy, Binpack(StrategyRule.Memory))).Distinct().Order());
        Assert.Equal(["a"], seeds.Select(s => Choose(s, Binpack(StrategyRule.Memory), RandomStrategy)).Distinct());
    }

    /// <summary>spread(zone) then binpack(memory): zones stay balanced, and within the zone's tie the fullest instance wins
    /// (binpack alone would fill d first).</summary>
    [Fact]
    public void Chained_SpreadZoneThenBinpackMemory_BalancesZones_PacksWithin()
    {
        var snapshot = Snapshot(
        [
            Instance("a").InZone(ZoneA) with { Memory = 4000 },
            Instance("b").InZone(ZoneA) with { Memory = 2000 },
            Instance("c").InZone(ZoneB) with { Memory = 3000 },
            Instance("d").InZone(ZoneB) with { Memory = 1500 },
        ]);
        var demand = Demand(memory: 500);

        Assert.Equal("d b d b", Plan(snapshot, demand, Rules(strategies: [SpreadZone, Binpack(StrategyRule.Memory)]), count: 4).Ids());
        Assert.Equal("d d d b", Plan(snapshot, demand, Rules(strategies: Binpack(StrategyRule.Memory)), count: 4).Ids());
    }

    /// <summary>spread(zone) then spread(instanceId): zones even out first, then instances within each zone.</summary>
    [Fact]
    public void Chained_SpreadZoneThenInstance_BalancesBoth()
    {
        var snapshot = Snapshot(
            [Instance("a").InZone(ZoneA), Instance("b").InZone(ZoneA), Instance("c").InZone(ZoneB), Instance("d").InZone(ZoneB)], ("a", Web));

        foreach (var seed in Enumerable.Range(0, 10))
        {
            var plan = Plan(snapshot, rules: Rules(strategies: [SpreadZone, Spread(StrategyRule.InstanceId)]), count: 3, seed: seed);
            Assert.Equal("b c d", plan.SortedIds());
        }
    }

    [Fact]
    public void DistinctInstance_OneTaskPerInstance_WithinThePlan()
    {
        var plan = Plan(Snapshot([Instance("a"), Instance("b"), Instance("c")]), rules: Rules(distinct: true), count: 5);

        Assert.Equal("a b c", plan.SortedIds());
        Assert.Equal(2, plan.Unplaced);
        Assert.All(plan.Refusals, r => Assert.Equal(PlacementReasons.DistinctInstance, r));
    }

    [Fact]
    public void DistinctInstance_CountsTheGroupsExistingTasks_NotOtherGroups()
    {
        var snapshot = Snapshot([Instance("a"), Instance("b"), Instance("c")], ("a", Web), ("b", "family:other"));

        var plan = Plan(snapshot, rules: Rules(distinct: true), count: 3);

        Assert.Equal("b c", plan.SortedIds());
        Assert.Equal(1, plan.Unplaced);
    }

    /// <summary><c>not(task:group == family:web)</c> holds on an instance until this plan puts a web task there, so it
    /// behaves like distinctInstance.</summary>
    [Fact]
    public void MemberOf_NotInOwnGroup_ChangesAsThePlanPlaces_LikeDistinctInstance()
    {
        var snapshot = Snapshot([Instance("a"), Instance("b"), Instance("c"), Instance("d")], ("a", Web), ("b", "family:db"));

        var plan = Plan(snapshot, rules: Rules(memberOf: ["not(task:group == family:web)"]), count: 5);

        Assert.Equal("b c d", plan.SortedIds());
        Assert.Equal(2, plan.Unplaced);
        Assert.All(plan.Refusals, r => Assert.Equal(PlacementReasons.MemberOf, r));
    }

    /// <summary><c>task:group != family:web</c> needs tasks, none of them web: "b" qualifies until its first web task, and "c"
    /// (no tasks at all) never does.</summary>
    [Fact]
    public void MemberOf_NegatedTaskGroup_NeedsTasks_AndTheFirstPlacedOneEndsIt()
    {
        var snapshot = Snapshot([Instance("a"), Instance("b"), Instance("c")], ("a", Web), ("b", "family:db"));

        var plan = Plan(snapshot, rules: Rules(memberOf: ["task:group != family:web"]), count: 2);

        Assert.Equal(("b", 1), (plan.Ids(), plan.Unplaced));
        Assert.All(plan.Refusals, r => Assert.Equal(PlacementReasons.MemberOf, r));
    }

    [Fact]
    public void MemberOf_Affinity_FollowsTheGroupsInstance_AndAttributesFilter()
    {
        var snapshot = Snapshot(
            [Instance("a").InZone(ZoneA), Instance("b").InZone(ZoneB), Instance("c").InZone(ZoneB) with { Memory = 600 }], ("c", "family:db"));

        var affinity = Plan(snapshot, rules: Rules(memberOf: ["task:group == family:db"]), count: 3);
        var zoneAndSize = Plan(
            snapshot, Demand(memory: 500), Rules(memberOf: [$"attribute:ecs.availability-zone == {ZoneB}", "attribute:ecs.availability-zone exists"]), count: 20);

        Assert.Equal(("c", 2, PlacementReasons.Memory), (affinity.Ids(), affinity.Unplaced, affinity.ReasonsById()["c"]));
        Assert.Equal(PlacementReasons.MemberOf, affinity.ReasonsById()["a"]);
        Assert.Equal(new Dictionary<string, int> { ["b"] = 16, ["c"] = 1 }, zoneAndSize.CountsById());
        Assert.Equal(PlacementReasons.MemberOf, zoneAndSize.ReasonsById()["a"]);
    }

    [Fact]
    public void SameSeed_SamePlan_OtherSeedsDiffer()
    {
        var snapshot = Snapshot(Enumerable.Range(0, 8).Select(i => Instance($"i{i}").InZone(i % 2 == 0 ? ZoneA : ZoneB)));
        var rules = Rules(strategies: [SpreadZone, RandomStrategy]);

        var first = Plan(snapshot, rules: rules, count: 6, seed: 42);
        var again = Plan(snapshot, rules: rules, count: 6, seed: 42);
        var others = Enumerable.Range(0, 10).Select(seed => Plan(snapshot, rules: rules, count: 6, seed: seed).Ids()).Distinct();

        Assert.Equal(first.Ids(), again.Ids());
        Assert.True(others.Count() > 5);
    }
}
