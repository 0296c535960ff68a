using System.Collections.Concurrent;
using Berth.Agent.Docker;
using Berth.Agent.Engine;
using Berth.Agent.Launch;
using Berth.Agent.Tasks;
using Berth.AgentProtocol;
using Microsoft.Extensions.Logging;

namespace Berth.Agent.Host;

/// <summary>Turns the control plane's assignments into task actors: one actor per task, started once, asked to stop when the
/// task is desired STOPPED or no longer assigned, kept until its containers are cleaned up. Applying the same payload twice
/// changes nothing. After each full sync, stopped containers of tasks this instance no longer owns are swept.</summary>
public sealed partial class TaskSupervisor(
    string containerInstanceArn, IDockerClient docker, ITaskStatusSink sink, DockerEventRouter router, TaskEngine engine, TimeProvider time,
    TaskActorOptions actorOptions, ILogger logger, Func<TaskAssignment, TaskLaunch>? translate = null) : IAssignmentSink, IAsyncDisposable
{
    private const string Stopped = "STOPPED";
    private const string NotAssigned = "Task is no longer assigned to this container instance";

    private readonly Func<TaskAssignment, TaskLaunch> translate = translate ?? TaskLaunchTranslator.Translate;
    private readonly ConcurrentDictionary<string, TaskActor> actors = new(StringComparer.Ordinal);

    // Tasks whose actor finished here, until a full sync no longer lists them: their STOPPED report may still be on its way,
    // and an assignment that still says RUNNING must not start them a second time.
    private readonly ConcurrentDictionary<string, byte> finished = new(StringComparer.Ordinal);

    private int sweeping;

    /// <summary>Tasks with an actor (running, stopping, or stopped and waiting for cleanup).</summary>
    public int Count => actors.Count;

    public void Apply(PayloadMessage payload)
    {
        foreach (var assignment in payload.Tasks)
        {
            Apply(assignment);
        }

        if (payload.FullSync)
        {
            var listed = payload.Tasks.Select(t => t.Task.TaskArn).OfType<string>().ToHashSet(StringComparer.Ordinal);
            foreach (var (arn, actor) in actors.Where(a => !listed.Contains(a.Key)))
            {
                LogUnassigned(logger, arn);
                actor.RequestStop(NotAssigned);
            }

            foreach (var arn in finished.Keys.Where(a => !listed.Contains(a)))
            {
                finished.TryRemove(arn, out _);
            }

            _ = SweepAsync(listed.Concat(actors.Keys).ToHashSet(StringComparer.Ordinal));
        }
    }

    /// <summary>Abandons every actor: their containers keep running for the next agent to re-attach to.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var actor in actors.Values)
        {
            await actor.DisposeAsync().ConfigureAwait(false);
        }

        actors.Clear();
    }

    private void Apply(TaskAssignment assignment)
    {
        var task = assignment.Task;
        var arn = task.TaskArn;
        if (arn is null || finished.ContainsKey(arn))
        {
            return;
        }

        var desiredStopped = task.DesiredStatus == Stopped;
        if (actors.TryGetValue(arn, out var running))
        {
            if (desiredStopped)
            {
                running.RequestStop(task.StoppedReason);
            }

            return;
        }

        if (task.LastStatus == Stopped)
        {
            return;
        }

        TaskLaunch launch;
        try
        {
            launch = translate(assignment);
        }
        catch (UnsupportedTaskException e)
        {
            LogUnsupported(logger, arn, e.Message);
            finished.TryAdd(arn, 0);
            _ = sink.ReportTaskStatusAsync(FailedToStart(task, e.Message), CancellationToken.None);
            return;
        }

        var actor = new TaskActor(launch, docker, sink, engine, time, actorOptions);
        if (!actors.TryAdd(arn, actor))
        {
            return;
        }

        router.Register(actor);
        if (desiredStopped)
        {
            // Never started here (or started before an agent restart): the engine stops whatever exists without pulling.
            actor.RequestStop(task.StoppedReason);
        }

        actor.Start();
        _ = ForgetWhenDoneAsync(actor);
    }

    /// <summary>A stopped task is finished at once, and forgotten once its containers were removed (disposing it earlier
    /// would cancel that cleanup).</summary>
    private async Task ForgetWhenDoneAsync(TaskActor actor)
    {
        await actor.Completion.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        finished.TryAdd(actor.TaskArn, 0);
        await actor.Cleaned.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        router.Unregister(actor.TaskArn);
        if (actors.TryRemove(actor.TaskArn, out _))
        {
            await actor.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>One sweep at a time; a failure is logged and the next full sync tries again.</summary>
    private async Task SweepAsync(IReadOnlySet<string> keep)
    {
        if (Interlocked.Exchange(ref sweeping, 1) == 1)
        {
            return;
        }

        try
        {
            var removed = await OrphanSweeper.RemoveStoppedAsync(
                docker, [new LabelFilter(BerthLabels.ContainerInstanceArn, containerInstanceArn)], keep, actorOptions.CleanupWait, time, CancellationToken.None)
                .ConfigureAwait(false);
            if (removed.Count > 0)
            {
                LogSwept(logger, removed.Count);
            }
        }
        catch (DockerException e)
        {
            LogSweepFailed(logger, e.Message);
        }
        finally
        {
            Volatile.Write(ref sweeping, 0);
        }
    }

    private static TaskStatusReport FailedToStart(Aws.Generated.Ecs.Task task, string reason) => new()
    {
        TaskArn = task.TaskArn!,
        Cluster = task.ClusterArn,
        Sequence = 1,
        Status = Stopped,
        DesiredStatus = Stopped,
        HealthStatus = "UNKNOWN",
        StoppedReason = reason,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} stopped containers of tasks no longer on this instance")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not sweep stopped containers: {Reason}")]
    private static partial void LogSweepFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskArn} is no longer assigned here; stopping it")]
    private static partial void LogUnassigned(ILogger logger, string taskArn);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskArn} cannot run here: {Problems}")]
    private static partial void LogUnsupported(ILogger logger, string taskArn, string problems);
}
