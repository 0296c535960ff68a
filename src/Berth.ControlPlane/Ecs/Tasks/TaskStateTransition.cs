using System.Text.Json;
using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Storage;
using EcsTask = Berth.Aws.Generated.Ecs.Task;

namespace Berth.ControlPlane.Ecs.Tasks;

/// <summary>What an agent's report does to a task: statuses only move forward, timestamps are stamped with server time, and a
/// task that goes down on its own (desiredStatus still RUNNING) is marked stopped with the reason. Pure, so every case is
/// table-tested.</summary>
public static class TaskStateTransition
{
    public const string EssentialContainerExitedReason = "Essential container in task exited";
    public const string FailedToStartReason = "Task failed to start";

    /// <summary>The task after the report; the version is not touched (see <see cref="Changed"/>). Bad statuses and unknown
    /// container names are refused before anything is applied.</summary>
    public static EcsTask Apply(EcsTask task, TaskStateReport report, DateTimeOffset now)
    {
        var containers = (task.Containers ?? []).ToList();
        foreach (var change in report.Containers)
        {
            var index = containers.FindIndex(c => c.Name == change.ContainerName);
            if (index < 0)
            {
                throw TaskErrors.UnknownContainerReported(change.ContainerName);
            }

            containers[index] = Apply(containers[index], change);
        }

        var next = task with
        {
            Containers = containers,
            PullStartedAt = report.PullStartedAt ?? task.PullStartedAt,
            PullStoppedAt = report.PullStoppedAt ?? task.PullStoppedAt,
            ExecutionStoppedAt = report.ExecutionStoppedAt ?? task.ExecutionStoppedAt,
        };
        return report.Status is { } status && TaskLifecycle.TaskRank(status) > TaskLifecycle.TaskRank(task.LastStatus ?? TaskLifecycle.Provisioning)
            ? Advance(next, status, report.Reason, now)
            : next;
    }

    /// <summary>Whether the report changed anything the task shows (compared as stored), so a replay writes nothing.</summary>
    public static bool Changed(EcsTask before, EcsTask after) =>
        JsonSerializer.Serialize(before, StoredJsonContext.Default.Task) != JsonSerializer.Serialize(after, StoredJsonContext.Default.Task);

    /// <summary>A container's report applies unless it is older than what is known (its status behind the container's);
    /// the fields it gives replace the stored ones.</summary>
    private static Container Apply(Container container, ContainerStateChange change)
    {
        if (change.Status is { } status && TaskLifecycle.ContainerRank(status) < TaskLifecycle.ContainerRank(container.LastStatus ?? TaskLifecycle.Pending))
        {
            return container;
        }

        return container with
        {
            LastStatus = change.Status ?? container.LastStatus,
            RuntimeId = change.RuntimeId ?? container.RuntimeId,
            ImageDigest = change.ImageDigest ?? container.ImageDigest,
            ExitCode = change.ExitCode ?? container.ExitCode,
            Reason = change.Reason ?? container.Reason,
            NetworkBindings = change.NetworkBindings ?? container.NetworkBindings,
        };
    }

    private static EcsTask Advance(EcsTask task, string status, string? reason, DateTimeOffset now)
    {
        var next = task with { LastStatus = status };
        if (status == TaskLifecycle.Running)
        {
            next = next with { StartedAt = task.StartedAt ?? now, Connectivity = Connectivity.Connected, ConnectivityAt = now };
        }

        if (TaskLifecycle.IsStoppingPhase(status))
        {
            next = Stopping(next, Started(task), reason, now);
        }

        return status == TaskLifecycle.Stopped
            ? next with { StoppedAt = now, ExecutionStoppedAt = next.ExecutionStoppedAt ?? now }
            : next;
    }

    /// <summary>Whether the task got going: it was seen RUNNING, or a container has an exit code (it ran, if only briefly, and
    /// exited before the agent could report RUNNING) and none failed to start; siblings the agent stopped because one failed
    /// to start have exit codes too.</summary>
    private static bool Started(EcsTask task)
    {
        var containers = task.Containers ?? [];
        return TaskLifecycle.HasRun(task) || (containers.Any(c => c.ExitCode is not null) && !containers.Any(FailedToStart));
    }

    /// <summary>A container that could not be pulled, created or started (or whose dependencies failed) has a reason and no
    /// exit code.</summary>
    private static bool FailedToStart(Container container) => container.ExitCode is null && NonEmpty(container.Reason) is not null;

    /// <summary>A StopTask stop keeps its code and reason; a task going down on its own gets the agent's reason and a code
    /// telling whether it ever started (EssentialContainerExited) or not (TaskFailedToStart).</summary>
    private static EcsTask Stopping(EcsTask task, bool started, string? reason, DateTimeOffset now)
    {
        var next = task with { StoppingAt = task.StoppingAt ?? now };
        if (task.DesiredStatus != DesiredStatus.Running)
        {
            return next;
        }

        return next with
        {
            DesiredStatus = DesiredStatus.Stopped,
            StopCode = started ? TaskStopCode.EssentialContainerExited : TaskStopCode.TaskFailedToStart,
            StoppedReason = task.StoppedReason
                ?? NonEmpty(reason)
                ?? (started ? EssentialContainerExitedReason : task.Containers?.Select(c => NonEmpty(c.Reason)).FirstOrDefault(r => r is not null) ?? FailedToStartReason),
        };
    }

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
