using System.Collections.Immutable;

namespace Berth.Agent.Engine;

/// <summary>What the engine knows about one task: its spec, its containers and the fields ECS reports; replaced, never mutated, by every applied event.</summary>
public sealed record TaskState
{
    /// <summary>The immutable spec the state was created from.</summary>
    public required TaskSpec Spec { get; init; }

    /// <summary>One state per container, in the spec's order.</summary>
    public required ImmutableArray<ContainerState> Containers { get; init; }

    /// <summary>lastStatus, derived from the containers after every event; it only moves forward.</summary>
    public TaskStatus KnownStatus { get; init; } = TaskStatus.Pending;

    /// <summary>RUNNING until something stops the task; never RUNNING again after that.</summary>
    public DesiredStatus DesiredStatus { get; init; } = DesiredStatus.Running;

    /// <summary>healthStatus, derived from the essential containers.</summary>
    public HealthStatus Health { get; init; } = HealthStatus.Unknown;

    /// <summary>Why the task stops; set together with desired STOPPED, and the first one sticks.</summary>
    public TaskStopCode? StopCode { get; init; }

    /// <summary>The human-readable stop reason that goes with <see cref="StopCode"/>.</summary>
    public string? StoppedReason { get; init; }

    /// <summary>Progress of the deactivation hook (only used when the spec has deactivation work).</summary>
    public HookProgress Deactivation { get; init; }

    /// <summary>Progress of the deprovisioning hook (only used when the spec has deprovisioning work).</summary>
    public HookProgress Deprovisioning { get; init; }

    /// <summary>When the first image pull was dispatched.</summary>
    public DateTimeOffset? PullStartedAt { get; init; }

    /// <summary>When the last image pull finished.</summary>
    public DateTimeOffset? PullStoppedAt { get; init; }

    /// <summary>When the task became RUNNING.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the task was first desired STOPPED.</summary>
    public DateTimeOffset? StoppingAt { get; init; }

    /// <summary>When the last container stopped.</summary>
    public DateTimeOffset? ExecutionStoppedAt { get; init; }

    /// <summary>When the task became STOPPED.</summary>
    public DateTimeOffset? StoppedAt { get; init; }

    /// <summary>The last task report dispatched; a new one is issued only when the reportable state differs.</summary>
    public required EngineAction.ReportTaskStatus LastReport { get; init; }

    /// <summary>A task the control plane just handed over: PENDING, desired RUNNING, nothing done; throws ArgumentException for an unusable spec.</summary>
    public static TaskState Create(TaskSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var problems = spec.Validate();
        if (!problems.IsEmpty)
        {
            throw new ArgumentException($"Task {spec.Arn} cannot be run: {string.Join(" ", problems)}", nameof(spec));
        }
        return new TaskState
        {
            Spec = spec,
            Containers = [.. spec.Containers.Select(c => ContainerState.Initial(c.Name))],
            LastReport = new EngineAction.ReportTaskStatus(TaskStatus.Pending, DesiredStatus.Running, HealthStatus.Unknown, null, null),
        };
    }

    /// <summary>The state of the container named <paramref name="name"/>; throws ArgumentException for an unknown name.</summary>
    public ContainerState Container(string name) => Containers[Spec.IndexOf(name)];

    /// <summary>This state with <paramref name="container"/> replacing the container of the same name.</summary>
    public TaskState With(ContainerState container) =>
        this with { Containers = Containers.SetItem(Spec.IndexOf(container.Name), container) };

    /// <summary>Whether every container has stopped (or will never run).</summary>
    public bool AllContainersStopped => Containers.All(c => c.KnownStatus == ContainerStatus.Stopped);
}
