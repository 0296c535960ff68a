using Berth.ControlPlane.Storage;
using Berth.Domain;
using Berth.State;
using Action = Berth.Aws.Generated.Elbv2.Action;

namespace Berth.ControlPlane.Elb.Listeners;

/// <summary>Actions as stored and echoed (ELBv2's defaults filled in), with the target groups they forward to as read.</summary>
public sealed record CheckedActions(List<Action> Actions, IReadOnlyList<Versioned<StoredTargetGroup>> TargetGroups)
{
    /// <summary>Writes each target group the actions use at the version read, unchanged: DeleteTargetGroup's in-use check and
    /// the write that starts using a group cannot both win.</summary>
    public IEnumerable<WriteOp> Touch(ElbStore store, ResourceScope scope) =>
        TargetGroups.DistinctBy(g => g.Value.TargetGroup.TargetGroupArn)
            .Select(g => store.TargetGroups.Put(scope.Partition, g.Value.TargetGroup.TargetGroupName!, g.Value, g.Version));
}
