using Berth.Agent.Docker;

namespace Berth.Agent.Tasks;

/// <summary>Removes containers of tasks the agent no longer owns (stopped while it was down, or whose actor never
/// got to its cleanup): called by the agent host at startup.</summary>
public static class OrphanSweeper
{
    /// <summary>Removes (with anonymous volumes) every task container matching <paramref name="scope"/> whose task is
    /// not in <paramref name="keep"/> and that exited at least <paramref name="cleanupWait"/> ago; running and
    /// never-started containers are left alone. Returns the ids removed; a container that cannot be inspected or
    /// removed is skipped (the next sweep tries again); a failed listing throws the client's DockerException.</summary>
    public static async Task<IReadOnlyList<string>> RemoveStoppedAsync(
        IDockerClient docker,
        IReadOnlyList<LabelFilter> scope,
        IReadOnlySet<string> keep,
        TimeSpan cleanupWait,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(docker);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(keep);
        ArgumentNullException.ThrowIfNull(time);
        var listed = await docker.ListContainersAsync([.. scope, new LabelFilter(EcsLabels.TaskArn)], cancellationToken).ConfigureAwait(false);
        var removed = new List<string>();
        foreach (var summary in listed)
        {
            if (!summary.Labels.TryGetValue(EcsLabels.TaskArn, out var task) || keep.Contains(task)
                || summary.State is not ("exited" or "dead"))
            {
                continue;
            }
            try
            {
                var state = (await docker.InspectContainerAsync(summary.Id, cancellationToken).ConfigureAwait(false)).State;
                if (state.Running || state.FinishedAt is not { } finished || time.GetUtcNow() - finished < cleanupWait)
                {
                    continue;
                }
                await docker.RemoveContainerAsync(summary.Id, force: false, removeVolumes: true, cancellationToken).ConfigureAwait(false);
                removed.Add(summary.Id);
            }
            catch (DockerException)
            {
                // Removed meanwhile, or restarted by hand: not ours to force.
            }
        }
        return removed;
    }
}
