using Berth.Aws.Generated.Ecs;
using Berth.State;
using EcsTask = Berth.Aws.Generated.Ecs.Task;

namespace Berth.ControlPlane.Ecs.Tasks;

/// <summary>One placement (RunTask's, StartTask's or a service's) waiting in a batch: it plans on the batch's view of the cluster (taking
/// its tasks out of the view, so the next job plans on what is left), and learns its outcome once the batch committed.</summary>
public sealed class PlacementJob(string? clientToken, bool countsGroups, Func<PlacementView, ValueTask<PlacementJob.Placed>> plan)
{
    private readonly TaskCompletionSource<Placed> outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>What the job placed and was refused, and the writes of its own (its tasks, its clientToken) the batch commits;
    /// <see cref="NoActiveInstance"/> when the cluster had no ACTIVE instance to consider.</summary>
    public sealed record Placed(List<EcsTask> Tasks, List<Failure> Failures, IReadOnlyList<WriteOp> Writes)
    {
        public bool NoActiveInstance { get; init; }
    }

    /// <summary>The clientToken whose document the job creates, if any.</summary>
    public string? ClientToken => clientToken;

    /// <summary>Whether planning needs the cluster's unstopped tasks (spread on task groups, task:group in memberOf).</summary>
    public bool CountsGroups => countsGroups;

    public Task<Placed> Outcome => outcome.Task;

    public ValueTask<Placed> PlanAsync(PlacementView view) => plan(view);

    public void Complete(Placed placed) => outcome.TrySetResult(placed);

    public void Fail(Exception error) => outcome.TrySetException(error);
}
