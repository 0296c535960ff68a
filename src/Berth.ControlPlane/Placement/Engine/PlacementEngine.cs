using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Berth.ControlPlane.Placement.Engine;

/// <summary>Turns a cluster snapshot and a request into a plan, with no I/O and no shared state: for each task, every
/// instance goes through the filters (the first refusal is its reason), the survivors are ranked by the strategies in
/// order (a later one only decides among ties of the earlier ones; random, or the end of the list, picks uniformly among
/// what is still tied), and the plan's own state takes the task before the next. The seed makes every choice repeatable.
/// A filter's answer depends on its instance's state only, so the filters run over every instance once and then only
/// on the instance that took the last task; a refused instance never takes a task, so it stays refused and leaves the
/// candidates for good. A task costs one pass of the strategies over the candidates.</summary>
public static class PlacementEngine
{
    public static PlacementPlan Plan(ClusterSnapshot snapshot, PlacementRequest request)
    {
        var state = new PlanState(snapshot, request);
        var filters = Filters(state);
        var scorers = Scorers(state);
        var random = new Random(request.Seed);
        var refusals = new string?[snapshot.Instances.Length];
        var candidates = new List<int>(refusals.Length);
        for (var i = 0; i < refusals.Length && request.Count > 0; i++)
        {
            refusals[i] = Refusal(filters, state, i);
            if (refusals[i] is null)
            {
                candidates.Add(i);
            }
        }

        var placements = ImmutableArray.CreateBuilder<int>(request.Count);
        var best = new long[scorers.Length];
        var scratch = new long[scorers.Length];
        for (var task = 0; task < request.Count; task++)
        {
            var chosen = Choose(scorers, random, candidates, ref best, ref scratch);
            if (chosen < 0)
            {
                break;
            }

            state.Place(chosen);
            foreach (var scorer in scorers)
            {
                scorer.Placed(chosen);
            }

            placements.Add(chosen);
            // After the last task the refusals stay those it was considered with.
            if (task + 1 < request.Count && (refusals[chosen] = Refusal(filters, state, chosen)) is not null)
            {
                candidates.RemoveAt(candidates.BinarySearch(chosen));
            }
        }

        return new PlacementPlan(snapshot, placements.ToImmutable(), [.. refusals], request.Count - placements.Count);
    }

    /// <summary>The filters a request needs, in the order their reasons take precedence (kept as
    /// <see cref="PlacementReasons.ChecksPassed"/> counts them).</summary>
    private static IPlacementFilter[] Filters(PlanState state)
    {
        var demand = state.Demand;
        var rules = state.Request.Rules;
        var filters = new List<IPlacementFilter> { new StatusFilter(), new AgentFilter(), new CpuFilter(), new MemoryFilter() };
        if (demand.Gpus > 0)
        {
            filters.Add(new GpuFilter());
        }

        if (demand.TcpPorts.Count > 0 || demand.UdpPorts.Count > 0)
        {
            filters.Add(new PortsFilter());
        }

        if (demand.RequiredAttributes.Count > 0)
        {
            filters.Add(new AttributeFilter(state.Snapshot, demand.RequiredAttributes));
        }

        filters.AddRange(rules.MemberOf.Select(expression => new MemberOfFilter(state, expression)));
        if (rules.DistinctInstance)
        {
            filters.Add(new DistinctInstanceFilter());
        }

        return [.. filters];
    }

    /// <summary>The strategies up to the first random one: random leaves every remaining tie to chance, as the end of the
    /// list does.</summary>
    private static IPlacementScorer[] Scorers(PlanState state) =>
        state.Request.Rules.Strategies
            .TakeWhile(rule => rule.Kind != StrategyKind.Random)
            .Select(rule => rule.Kind == StrategyKind.Binpack
                ? (IPlacementScorer)new BinpackScorer(state, rule.Field == StrategyRule.Memory)
                : new SpreadScorer(state, rule.Field!))
            .ToArray();

    /// <summary>The first filter's reason to refuse instance <paramref name="i"/> as the plan stands, or null.</summary>
    private static string? Refusal(IPlacementFilter[] filters, PlanState state, int i)
    {
        foreach (var filter in filters)
        {
            if (filter.Refuse(state, i) is { } reason)
            {
                return reason;
            }
        }

        return null;
    }

    /// <summary>The preferred candidate (lowest scores compared in strategy order, ties drawn uniformly by reservoir
    /// sampling), or -1 when there is none.</summary>
    private static int Choose(IPlacementScorer[] scorers, Random random, List<int> candidates, ref long[] best, ref long[] scratch)
    {
        var chosen = -1;
        var ties = 0;
        foreach (var i in CollectionsMarshal.AsSpan(candidates))
        {
            var order = chosen < 0 ? -1 : 0;
            for (var s = 0; s < scorers.Length && order <= 0; s++)
            {
                scratch[s] = scorers[s].Score(i);
                if (order == 0)
                {
                    order = scratch[s].CompareTo(best[s]);
                }
            }

            if (order < 0)
            {
                chosen = i;
                ties = 1;
                (best, scratch) = (scratch, best);
            }
            else if (order == 0 && random.Next(++ties) == 0)
            {
                chosen = i;
            }
        }

        return chosen;
    }
}
