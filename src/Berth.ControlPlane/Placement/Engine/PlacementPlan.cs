using System.Collections.Immutable;

namespace Berth.ControlPlane.Placement.Engine;

/// <summary>Where each task goes (indices into the snapshot's instances, in task order), and for every instance why the
/// last task considered could not go there (null where it could). Placing stops at the first task nothing takes, since
/// the rest of the same request would meet the same refusals; <see cref="Unplaced"/> counts those tasks.</summary>
public sealed record PlacementPlan(ClusterSnapshot Snapshot, ImmutableArray<int> Placements, ImmutableArray<string?> Refusals, int Unplaced)
{
    public IEnumerable<InstanceSnapshot> Chosen => Placements.Select(i => Snapshot.Instances[i]);

    /// <summary>Each instance that refused the last task considered, with its reason: RunTask's <c>failures[]</c> when
    /// tasks were left unplaced.</summary>
    public IEnumerable<(InstanceSnapshot Instance, string Reason)> Refused =>
        Refusals.Select((reason, i) => (Snapshot.Instances[i], reason)).Where(r => r.reason is not null).Select(r => (r.Item1, r.reason!));
}
