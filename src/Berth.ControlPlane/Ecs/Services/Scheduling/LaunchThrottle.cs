namespace Berth.ControlPlane.Ecs.Services.Scheduling;

/// <summary>Launch throttling (ecs-semantics §4.5): after tasks of the PRIMARY deployment stop one after another without
/// reaching RUNNING, the next launch waits 10 s after the first failure, doubling with each further one, at most 15 minutes.
/// Tasks that ran and then died do not count, and a new deployment starts afresh (only its own tasks count).</summary>
public static class LaunchThrottle
{
    public static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan MaximumDelay = TimeSpan.FromMinutes(15);

    /// <summary>The delay after <paramref name="failures"/> consecutive failed starts: 0, 10 s, 20 s, 40 s … capped at 15 min.</summary>
    public static TimeSpan Delay(int failures) =>
        failures <= 0 ? TimeSpan.Zero
        : failures > 20 ? MaximumDelay
        : TimeSpan.FromTicks(Math.Min(BaseDelay.Ticks << (failures - 1), MaximumDelay.Ticks));

    /// <summary>The deployment's current run of failed starts (its newest tasks first, back to the newest one that ran;
    /// tasks still starting are passed over), or null when its newest finished task ran.</summary>
    public static FailedStarts? Of(string deploymentId, IEnumerable<ServiceTask> tasks)
    {
        var run = tasks
            .Where(t => t.DeploymentId == deploymentId && (t.StartedAt is not null || !TaskHealth.IsUnstopped(t)))
            .OrderByDescending(Moment)
            .TakeWhile(t => t.StartedAt is null)
            .ToList();
        return run.Count == 0 ? null : new(run.Count, Moment(run[^1]), Moment(run[0]) + Delay(run.Count));
    }

    /// <summary>When a task last changed course: stopped, else started.</summary>
    private static DateTimeOffset Moment(ServiceTask task) => task.StoppedAt ?? task.StartedAt ?? task.CreatedAt;
}

/// <summary>A run of <paramref name="Count"/> failed starts, the first of which stopped at <paramref name="Since"/>; launches
/// wait until <paramref name="LiftsAt"/>.</summary>
public sealed record FailedStarts(int Count, DateTimeOffset Since, DateTimeOffset LiftsAt);
