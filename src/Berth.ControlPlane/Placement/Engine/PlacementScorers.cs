namespace Berth.ControlPlane.Placement.Engine;

/// <summary>One placement strategy as a score per candidate, lower preferred, read from the plan's state it was made
/// with; <see cref="Placed"/> lets a scorer that keeps its own counts follow the plan.</summary>
internal interface IPlacementScorer
{
    long Score(int i);

    void Placed(int i)
    {
    }
}

/// <summary>binpack: the instance with the least of the resource left once the task is on it.</summary>
internal sealed class BinpackScorer(PlanState state, bool memory) : IPlacementScorer
{
    private readonly int[] left = memory ? state.Memory : state.Cpu;
    private readonly int demand = memory ? state.Demand.Memory : state.Demand.Cpu;

    public long Score(int i) => left[i] - demand;
}

/// <summary>spread: the instance whose value of the field (its own id, or an attribute, absent being a value of its own)
/// holds the fewest tasks of the group, counted over every instance with that value.</summary>
internal sealed class SpreadScorer : IPlacementScorer
{
    private readonly int[] bucketOf;
    private readonly int[] tasksIn;

    public SpreadScorer(PlanState state, string field)
    {
        var instances = state.Snapshot.Instances;
        if (field == StrategyRule.InstanceId)
        {
            bucketOf = Enumerable.Range(0, instances.Length).ToArray();
        }
        else
        {
            var name = field[StrategyRule.AttributePrefix.Length..];
            var buckets = new Dictionary<string, int>(StringComparer.Ordinal);
            const string absent = "\0absent";
            bucketOf = instances
                .Select(i => i.Attribute(name) is (true, { } value) ? value : absent)
                .Select(value => buckets.TryGetValue(value, out var bucket) ? bucket : buckets[value] = buckets.Count)
                .ToArray();
        }

        tasksIn = new int[instances.Length];
        for (var i = 0; i < instances.Length; i++)
        {
            tasksIn[bucketOf[i]] += state.GroupCount[i];
        }
    }

    public long Score(int i) => tasksIn[bucketOf[i]];

    public void Placed(int i) => tasksIn[bucketOf[i]]++;
}
