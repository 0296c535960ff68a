using Berth.ControlPlane.Placement.Engine;
using Berth.ControlPlane.Placement.Query;
using Xunit.Sdk;
using static Berth.ControlPlane.Tests.Placement.PlacementFixtures;

namespace Berth.ControlPlane.Tests.Placement;

/// <summary>Properties every plan keeps, checked on 300 seeded random clusters and requests each (a failure names the case,
/// which <see cref="ForEachCase"/> regenerates from its number).</summary>
public sealed class PlacementPropertyTests
{
    private const int Cases = 300;
    private const string Other = "family:other";
    private static readonly string[] Zones = ["us-east-1a", "us-east-1b", "us-east-1c"];
    private static readonly string[] TcpPool = ["80", "443", "8080"];
    private static readonly string[] UdpPool = ["53", "123"];

    private static readonly string[] Expressions =
    [
        "attribute:ecs.availability-zone != us-east-1c",
        "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]",
        "not(attribute:retiring exists)",
        "task:group != family:web",
        "not(task:group == family:web)",
        "runningTasksCount < 5 or attribute:ecs.availability-zone == us-east-1a",
    ];

    private static readonly StrategyRule[] StrategyPool =
        [Binpack(StrategyRule.Cpu), Binpack(StrategyRule.Memory), Spread(StrategyRule.InstanceId), SpreadZone, RandomStrategy];

    /// <summary>Recomputed from the placements alone: no instance gets more CPU, memory or GPUs than it had, a static port twice
    /// or at all when already bound, and no task lands on an instance a filter would refuse.</summary>
    [Fact]
    public void NoPlan_OverCommits_OrPlacesWhereAFilterRefuses()
    {
        var (full, partial) = (0, 0);
        ForEachCase(random =>
        {
            var (snapshot, request) = Arbitrary(random);

            var plan = PlacementEngine.Plan(snapshot, request);
            full += plan.Unplaced == 0 ? 1 : 0;
            partial += plan.Unplaced > 0 && plan.Placements.Length > 0 ? 1 : 0;

            var demand = request.Demand;
            var placed = PerInstance(plan);
            for (var i = 0; i < placed.Length; i++)
            {
                var instance = snapshot.Instances[i];
                if (placed[i] == 0)
                {
                    continue;
                }

                Assert.InRange(placed[i] * demand.Cpu, 0, instance.Cpu);
                Assert.InRange(placed[i] * demand.Memory, 0, instance.Memory);
                Assert.InRange(placed[i] * demand.Gpus, 0, instance.Gpus);
                if (demand.TcpPorts.Count > 0 || demand.UdpPorts.Count > 0)
                {
                    Assert.Equal(1, placed[i]);
                }

                Assert.DoesNotContain(demand.TcpPorts, instance.TcpPortsInUse.Contains);
                Assert.DoesNotContain(demand.UdpPorts, instance.UdpPortsInUse.Contains);
                Assert.Equal(("ACTIVE", true), (instance.Status, instance.AgentConnected));
                Assert.All(demand.RequiredAttributes, name => Assert.True(instance.Attribute(name).Present));
                Assert.All(request.Rules.MemberOf.Where(m => !m.UsesTaskGroups), m => Assert.True(m.Matches(instance.Facts)));
            }
        });

        // the generators must exercise both outcomes for the property to mean anything
        Assert.InRange(full, 50, Cases);
        Assert.InRange(partial, 50, Cases);
    }

    [Fact]
    public void EveryTask_IsPlacedOrCountedUnplaced_AndAStoppedPlanHasEveryReason() => ForEachCase(random =>
    {
        var (snapshot, request) = Arbitrary(random);

        var plan = PlacementEngine.Plan(snapshot, request);

        Assert.Equal(request.Count, plan.Placements.Length + plan.Unplaced);
        Assert.Equal(snapshot.Instances.Length, plan.Refusals.Length);
        if (plan.Unplaced > 0)
        {
            Assert.All(plan.Refusals, reason => Assert.NotNull(reason));
        }
    });

    [Fact]
    public void DistinctInstance_NeverTwoTasksOfTheGroupOnOneInstance() => ForEachCase(random =>
    {
        var (snapshot, request) = Arbitrary(random);
        request = request with { Rules = request.Rules with { DistinctInstance = true } };

        var plan = PlacementEngine.Plan(snapshot, request);

        var placed = PerInstance(plan);
        for (var i = 0; i < placed.Length; i++)
        {
            Assert.InRange(placed[i], 0, snapshot.Instances[i].GroupCounts.GetValueOrDefault(Web) == 0 ? 1 : 0);
        }
    });

    /// <summary>The expression that excludes instances holding the group filters exactly as distinctInstance does, so with the
    /// same seed the plans are the same; only the reason differs.</summary>
    [Fact]
    public void MemberOfNotInGroup_PlacesExactlyAsDistinctInstance() => ForEachCase(random =>
    {
        var (snapshot, request) = Arbitrary(random);
        var strategies = request.Rules.Strategies;

        var distinct = PlacementEngine.Plan(snapshot, request with { Rules = Rules(distinct: true, strategies: [.. strategies]) });
        var memberOf = PlacementEngine.Plan(snapshot, request with { Rules = Rules(memberOf: ["not(task:group == family:web)"], strategies: [.. strategies]) });

        Assert.Equal<int>(distinct.Placements, memberOf.Placements);
        Assert.Equal(
            distinct.Refusals.Select(r => r == PlacementReasons.DistinctInstance ? PlacementReasons.MemberOf : r),
            memberOf.Refusals);
    });

    [Fact]
    public void SpreadInstanceId_WhenEverythingFits_CountsDifferByAtMostOne() => ForEachCase(random =>
    {
        var snapshot = Snapshot(Enumerable.Range(0, random.Next(1, 13)).Select(Roomy));
        var count = random.Next(1, 40);
        var demand = Demand(cpu: random.Next(0, 1025), memory: random.Next(0, 2049));

        var plan = Plan(snapshot, demand, Rules(strategies: Spread(StrategyRule.InstanceId)), count, random.Next());

        var placed = PerInstance(plan);
        Assert.Equal(0, plan.Unplaced);
        Assert.InRange(placed.Max() - placed.Min(), 0, 1);
    });

    /// <summary>Instances without a zone are a bucket of their own, balanced like a zone.</summary>
    [Fact]
    public void SpreadZone_WhenCapacityAllows_ZoneCountsDifferByAtMostOne() => ForEachCase(random =>
    {
        var specs = Enumerable.Range(0, random.Next(1, 13))
            .Select(k => random.Next(4) is var z && z < Zones.Length ? Roomy(k).InZone(Zones[z]) : Roomy(k))
            .ToList();
        var count = random.Next(1, 40);

        var plan = Plan(Snapshot(specs), rules: Rules(strategies: [SpreadZone, .. Pick(random, StrategyPool, 2)]), count: count, seed: random.Next());

        var perZone = plan.Chosen
            .GroupBy(i => i.Attribute(InstanceSpec.Zone).Value ?? "none")
            .ToDictionary(g => g.Key, g => g.Count());
        var zones = specs.Select(s => s.Attributes.GetValueOrDefault(InstanceSpec.Zone) ?? "none").Distinct().Select(z => perZone.GetValueOrDefault(z)).ToList();
        Assert.Equal(0, plan.Unplaced);
        Assert.InRange(zones.Max() - zones.Min(), 0, 1);
    });

    [Fact]
    public void SameSeed_SamePlan() => ForEachCase(random =>
    {
        var (snapshot, request) = Arbitrary(random);

        Assert.Equal<int>(PlacementEngine.Plan(snapshot, request).Placements, PlacementEngine.Plan(snapshot, request).Placements);
    });

    /// <summary>Runs <paramref name="check"/> on <see cref="Cases"/> generators seeded 0..Cases-1, naming the case that fails.</summary>
    private static void ForEachCase(Action<Random> check)
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            try
            {
                check(new Random(seed));
            }
            catch (XunitException e)
            {
                throw new XunitException($"Case {seed}: {e.Message}");
            }
        }
    }

    /// <summary>A cluster of up to 12 instances with random sizes, statuses, zones, bound ports and tasks (of the request's
    /// group and another), and a request for up to 10 tasks with random demand, constraints and chained strategies.</summary>
    private static (ClusterSnapshot Snapshot, PlacementRequest Request) Arbitrary(Random random)
    {
        var specs = new List<InstanceSpec>();
        var tasks = new List<(string, string)>();
        var instances = random.Next(1, 13);
        for (var k = 0; k < instances; k++)
        {
            var spec = Instance($"i{k:D2}") with
            {
                Status = random.Next(10) == 0 ? "DRAINING" : "ACTIVE",
                Connected = random.Next(10) != 0,
                Cpu = random.Next(0, 4097),
                Memory = random.Next(0, 8193),
                Gpus = random.Next(0, 4),
                PortsInUse = [.. Pick(random, TcpPool, 2)],
                UdpPortsInUse = [.. Pick(random, UdpPool, 1)],
            };
            spec = random.Next(5) == 0 ? spec : spec.InZone(Zones[random.Next(Zones.Length)]);
            spec = random.Next(2) == 0 ? spec : spec.WithAttribute("ecs.capability.needed");
            spec = random.Next(8) == 0 ? spec.WithAttribute("retiring", "true") : spec;
            specs.Add(spec);
            tasks.AddRange(Enumerable.Range(0, random.Next(0, 3)).Select(_ => (spec.Id, random.Next(3) == 0 ? Web : Other)));
        }

        var demand = Demand(
            cpu: random.Next(0, 1025),
            memory: random.Next(0, 2049),
            gpus: random.Next(4) == 0 ? random.Next(1, 3) : 0,
            tcp: random.Next(3) == 0 ? Pick(random, TcpPool, 2) : [],
            udp: random.Next(5) == 0 ? Pick(random, UdpPool, 1) : [],
            requires: random.Next(4) == 0 ? ["ecs.capability.needed"] : []);
        var rules = new PlacementRules(
            random.Next(4) == 0,
            [.. Pick(random, Expressions, 2).Select(QueryParser.Parse)],
            [.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => StrategyPool[random.Next(StrategyPool.Length)])]);
        return (Snapshot(specs, [.. tasks]), new PlacementRequest(demand, Web, rules, random.Next(1, 11), random.Next()));
    }

    /// <summary>An instance big enough for anything the generators ask, with no ports bound.</summary>
    private static InstanceSpec Roomy(int k) => Instance($"i{k:D2}") with { Cpu = 1_000_000, Memory = 1_000_000, PortsInUse = [] };

    /// <summary>Up to <paramref name="most"/> distinct items of <paramref name="pool"/>, possibly none.</summary>
    private static string[] Pick(Random random, string[] pool, int most) =>
        [.. pool.OrderBy(_ => random.Next()).Take(random.Next(0, most + 1))];

    private static StrategyRule[] Pick(Random random, StrategyRule[] pool, int most) =>
        [.. Enumerable.Range(0, random.Next(0, most + 1)).Select(_ => pool[random.Next(pool.Length)])];

    private static int[] PerInstance(PlacementPlan plan)
    {
        var placed = new int[plan.Snapshot.Instances.Length];
        foreach (var i in plan.Placements)
        {
            placed[i]++;
        }

        return placed;
    }
}
