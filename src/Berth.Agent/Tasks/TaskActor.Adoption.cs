using System.Collections.Immutable;
using Berth.Agent.Docker;
using Berth.Agent.Engine;

namespace Berth.Agent.Tasks;

/// <summary>Adoption: before its first decision the actor looks for containers it (or an agent before a restart)
/// created for this task, so a restarted agent resumes the task instead of running a second copy.</summary>
public sealed partial class TaskActor
{
    /// <summary>What was found of one task container: its Docker name, the engine events that bring a fresh state to
    /// where Docker has it (created, started, health) and its exit, if it ended.</summary>
    private sealed record Adopted(string Container, string DockerName, ImmutableArray<NetworkBinding> Bindings,
        ImmutableArray<EngineEvent> Reached, EngineEvent.Exited? Exit);

    /// <summary>The task's containers that exist already, read from Docker; an engine that cannot list them yields
    /// nothing (the task is then created as usual, as on a fresh host).</summary>
    private async Task<ImmutableArray<Adopted>> FindExistingAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<ContainerSummary> listed;
        try
        {
            listed = await _docker.ListContainersAsync([new LabelFilter(EcsLabels.TaskArn, TaskArn)], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return [];
        }
        var found = ImmutableArray.CreateBuilder<Adopted>();
        foreach (var summary in listed)
        {
            if (!summary.Labels.TryGetValue(EcsLabels.ContainerName, out var name)
                || !_launch.Containers.ContainsKey(name)
                || found.Any(f => f.Container == name))
            {
                continue;
            }
            ContainerInfo info;
            try
            {
                info = await _docker.InspectContainerAsync(summary.Id, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                continue; // Removed between list and inspect: it is created anew.
            }
            found.Add(Adopt(name, info));
        }
        return found.ToImmutable();
    }

    /// <summary>The events that replay <paramref name="info"/>'s state: created; started when it runs or ran; its
    /// health; the exit code (and OOM kill) when it ended.</summary>
    private static Adopted Adopt(string container, ContainerInfo info)
    {
        var events = ImmutableArray.CreateBuilder<EngineEvent>();
        events.Add(new EngineEvent.Created(container, info.Id));
        var ran = info.State.Running || info.State.StartedAt is { } started && started > DateTimeOffset.UnixEpoch;
        var bindings = ImmutableArray<NetworkBinding>.Empty;
        if (ran)
        {
            events.Add(new EngineEvent.Started(container));
            bindings = BindingsOf(info);
        }
        if (info.State.Health?.Status is { } health && ToHealth(health) is { } status)
        {
            events.Add(new EngineEvent.HealthChanged(container, status));
        }
        var exit = info.State.Running || string.Equals(info.State.Status, "created", StringComparison.Ordinal)
            ? null
            : new EngineEvent.Exited(container, info.State.ExitCode, info.State.OomKilled ? OutOfMemoryReason : null);
        return new Adopted(container, info.Name, bindings, events.ToImmutable(), exit);
    }

    /// <summary>Docker's health status word as the engine's, when it is a verdict.</summary>
    private static HealthStatus? ToHealth(string status) => status switch
    {
        HealthStatuses.Healthy => HealthStatus.Healthy,
        HealthStatuses.Unhealthy => HealthStatus.Unhealthy,
        _ => null,
    };

    /// <summary>Folds what was found into the state (no decisions in between) and keeps the found Docker names. Exits
    /// come last: an essential exit stops the task, and the siblings must be known as running by then to be stopped
    /// (rather than recorded stopped as never started).</summary>
    private void FoldAdopted(ImmutableArray<Adopted> found)
    {
        foreach (var adopted in found)
        {
            _dockerNames[adopted.Container] = adopted.DockerName;
            _bindings[adopted.Container] = adopted.Bindings;
        }
        foreach (var ev in found.SelectMany(a => a.Reached).Concat(found.Select(a => a.Exit).OfType<EngineEvent>()))
        {
            _state = _engine.Apply(_state, ev);
        }
    }
}
