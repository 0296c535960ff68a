using System.Collections.Immutable;
using System.Threading.Channels;
using Berth.Agent.Docker;
using Berth.Agent.Engine;
using DockerContainerSpec = Berth.Agent.Docker.ContainerSpec;
using EngineTaskStatus = Berth.Agent.Engine.TaskStatus;

namespace Berth.Agent.Tasks;

/// <summary>Runs one task: the only owner of its <see cref="TaskState"/>. One loop reads the inbox, applies each
/// message to the engine, dispatches what the engine decides and starts the side effects; their outcomes come back
/// through the inbox, never by touching the state.</summary>
/// <remarks>Thread-safe from outside: <see cref="Post(ContainerEvent)"/>, <see cref="RequestStop"/> and
/// <see cref="StopAsync"/> only enqueue. <see cref="Completion"/> completes once the task is STOPPED and its STOPPED
/// report was handed to the sink; <see cref="Cleaned"/> once its containers were removed, CleanupWait after that.</remarks>
public sealed partial class TaskActor : IAsyncDisposable
{
    private readonly TaskLaunch _launch;
    private readonly IDockerClient _docker;
    private readonly ITaskStatusSink _sink;
    private readonly TaskEngine _engine;
    private readonly TimeProvider _time;
    private readonly TaskActorOptions _options;
    private readonly Channel<Message> _inbox = Channel.CreateUnbounded<Message>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _cleaned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // Separate from _lifetime, which ends with the task: only disposal ends the cleanup wait.
    private readonly CancellationTokenSource _disposal = new();

    // Owned by the loop.
    private TaskState _state;
    private long _sequence;
    private readonly Dictionary<string, ImmutableArray<NetworkBinding>> _bindings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _dockerNames = new(StringComparer.Ordinal);
    private readonly List<ITimer> _timers = [];
    private Task? _loop;
    private int _disposed;

    /// <summary>An actor for <paramref name="launch"/>; nothing happens until <see cref="Start"/>. Throws
    /// ArgumentException for an unusable launch.</summary>
    public TaskActor(TaskLaunch launch, IDockerClient docker, ITaskStatusSink sink, TaskEngine engine, TimeProvider time, TaskActorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(launch);
        ArgumentNullException.ThrowIfNull(docker);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(time);
        var problems = launch.Validate();
        if (!problems.IsEmpty)
        {
            throw new ArgumentException($"Task {launch.TaskArn} cannot be run: {string.Join(" ", problems)}", nameof(launch));
        }
        _launch = launch;
        _docker = docker;
        _sink = sink;
        _engine = engine;
        _time = time;
        _options = options ?? new TaskActorOptions();
        _state = TaskState.Create(launch.Spec);
    }

    public string TaskArn => _launch.TaskArn;

    /// <summary>Completes when the task is STOPPED; faults if the loop failed; cancelled when disposed before that.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Completes when the stopped task's containers were removed (<see cref="TaskActorOptions.CleanupWait"/>
    /// after STOPPED); cancelled when disposed before that, faulted with <see cref="Completion"/>.</summary>
    public Task Cleaned => _cleaned.Task;

    /// <summary>Starts the loop (once): it first adopts the task's existing containers, then the engine's first
    /// actions are pulls of the missing ones.</summary>
    public void Start()
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException($"Task {TaskArn} was started already.");
        }
        // After anything posted before Start (a stop of a task that never ran must not pull first).
        Enqueue(new Message.Begin());
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Asks the task to stop (StopTask); the first reason given is the one the task keeps.</summary>
    public void RequestStop(string? reason = null, TaskStopCode stopCode = TaskStopCode.UserInitiated) =>
        Enqueue(new Message.Event(new EngineEvent.StopRequested(reason, stopCode)));

    /// <summary>Asks the task to stop and waits until it is STOPPED (or <paramref name="cancellationToken"/> ends the wait).</summary>
    public async Task StopAsync(string? reason, CancellationToken cancellationToken)
    {
        RequestStop(reason);
        await Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A Docker event about one of this task's containers (from <see cref="DockerEventRouter"/>); events of
    /// unknown containers and repeats are harmless.</summary>
    public void Post(ContainerEvent containerEvent)
    {
        ArgumentNullException.ThrowIfNull(containerEvent);
        Enqueue(new Message.Docker(containerEvent));
    }

    /// <summary>Abandons the task where it is (its containers keep running or stay unremoved, nothing more is
    /// reported) and waits for the loop to end. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _disposal.CancelAsync().ConfigureAwait(false);
        await _lifetime.CancelAsync().ConfigureAwait(false);
        _inbox.Writer.TryComplete();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
        _completion.TrySetCanceled();
        _cleaned.TrySetCanceled();
        _lifetime.Dispose();
        _disposal.Dispose();
    }

    private void Enqueue(Message message) => _inbox.Writer.TryWrite(message);

    private async Task RunAsync()
    {
        try
        {
            // Before any message: a stop posted before Start must find the adopted containers to stop them.
            FoldAdopted(await FindExistingAsync(_lifetime.Token).ConfigureAwait(false));
            await foreach (var message in _inbox.Reader.ReadAllAsync(_lifetime.Token).ConfigureAwait(false))
            {
                switch (message)
                {
                    case Message.Event e:
                        await StepAsync(e.Value).ConfigureAwait(false);
                        break;
                    case Message.StartedWithPorts s:
                        _bindings[s.Container] = s.Bindings;
                        await StepAsync(new EngineEvent.Started(s.Container)).ConfigureAwait(false);
                        break;
                    case Message.Begin:
                        await StepAsync(null).ConfigureAwait(false);
                        break;
                    case Message.Docker d:
                        await StepAsync(Translate(d.Value)).ConfigureAwait(false);
                        break;
                }
                if (_state.KnownStatus == EngineTaskStatus.Stopped)
                {
                    break;
                }
            }
            Finish();
            _completion.TrySetResult();
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
            Finish();
            _completion.TrySetCanceled();
            _cleaned.TrySetCanceled();
            return;
        }
        catch (Exception e)
        {
            Finish();
            _completion.TrySetException(e);
            _cleaned.TrySetException(e);
            return;
        }
        await CleanUpAsync(_disposal.Token).ConfigureAwait(false);
    }

    /// <summary>After the cleanup wait, removes the task's containers with their anonymous volumes, then its task-scoped
    /// volumes. A container removal that fails is left to <see cref="OrphanSweeper"/> at the next agent start.</summary>
    private async Task CleanUpAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(_options.CleanupWait, _time, cancellationToken).ConfigureAwait(false);
            foreach (var runtimeId in _state.Containers.Select(c => c.RuntimeId).OfType<string>())
            {
                await RemoveOrLeaveAsync(() => _docker.RemoveContainerAsync(runtimeId, force: true, removeVolumes: true, cancellationToken), cancellationToken)
                    .ConfigureAwait(false);
            }
            foreach (var volume in _launch.Volumes)
            {
                await RemoveOrLeaveAsync(() => _docker.RemoveVolumeAsync(volume, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            _cleaned.TrySetResult();
        }
        catch (OperationCanceledException)
        {
            _cleaned.TrySetCanceled();
        }
    }

    /// <summary>A cleanup removal whose failure is left alone: the thing is gone already (or was never created), or the
    /// engine refused (a volume a leftover container still uses); only this actor's disposal ends the cleanup.</summary>
    private static async Task RemoveOrLeaveAsync(Func<Task> removal, CancellationToken cancellationToken)
    {
        try
        {
            await removal().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Containers left behind are the sweeper's at the next agent start.
        }
    }

    /// <summary>One turn of the engine loop: apply, decide, mark dispatched, perform.</summary>
    private async Task StepAsync(EngineEvent? observed)
    {
        if (observed is not null)
        {
            _state = _engine.Apply(_state, observed);
        }
        var actions = _engine.Decide(_state);
        if (actions.Count == 0)
        {
            return;
        }
        _state = _engine.Apply(_state, new EngineEvent.Dispatched(actions));
        foreach (var action in actions)
        {
            await PerformAsync(action).ConfigureAwait(false);
        }
    }

    /// <summary>Reports are delivered in order before the loop goes on; Docker work and timers run on their own and
    /// answer through the inbox. A side effect runs synchronously up to its first await, so the Docker calls of one
    /// turn are issued in the engine's order.</summary>
    private async ValueTask PerformAsync(EngineAction action)
    {
        switch (action)
        {
            case EngineAction.PullImage a:
                _ = PullAsync(a.Container, _lifetime.Token);
                break;
            case EngineAction.CreateContainer a:
                _ = CreateAsync(a.Container, CreateSpec(a.Container), _lifetime.Token);
                break;
            case EngineAction.StartContainer a:
                _ = StartContainerAsync(a.Container, RuntimeIdOf(a.Container), _lifetime.Token);
                break;
            case EngineAction.StopContainer a:
                _ = StopContainerAsync(a.Container, _state.Container(a.Container).RuntimeId, a.Timeout, _lifetime.Token);
                break;
            case EngineAction.ArmStartTimeout a:
                ArmTimer(a.Container, a.Deadline);
                break;
            case EngineAction.RunDeactivation:
                // No deactivation work exists yet (load balancers come later): done at once.
                Enqueue(new Message.Event(new EngineEvent.DeactivationDone()));
                break;
            case EngineAction.RunDeprovisioning:
                Enqueue(new Message.Event(new EngineEvent.DeprovisioningDone()));
                break;
            case EngineAction.ReportTaskStatus a:
                await DeliverAsync(BuildTaskReport(a)).ConfigureAwait(false);
                break;
            case EngineAction.ReportContainerStatus a:
                await DeliverAsync(BuildContainerReport(a)).ConfigureAwait(false);
                break;
            default:
                throw new InvalidOperationException($"Task {TaskArn}: unknown engine action {action}.");
        }
    }

    private string RuntimeIdOf(string container) =>
        _state.Container(container).RuntimeId
        ?? throw new InvalidOperationException($"Task {TaskArn}: container {container} has no runtime id.");

    /// <summary>Maps a Docker event to the engine event it means, or starts the inspect that will produce it.</summary>
    private EngineEvent? Translate(ContainerEvent ev)
    {
        var container = _state.Containers.FirstOrDefault(c => string.Equals(c.RuntimeId, ev.ContainerId, StringComparison.Ordinal));
        if (container is null)
        {
            return null;
        }
        switch (ev.Action)
        {
            case ContainerEventAction.Die:
                _ = ObserveExitAsync(container.Name, ev.ContainerId, ev.ExitCode, _lifetime.Token);
                return null;
            case ContainerEventAction.HealthStatus:
                return ev.HealthStatus is { } health && ToHealth(health) is { } status
                    ? new EngineEvent.HealthChanged(container.Name, status)
                    : null;
            default:
                return null; // oom: the inspect after the die tells OOMKilled.
        }
    }

    private void ArmTimer(string container, DateTimeOffset deadline)
    {
        var due = deadline - _time.GetUtcNow();
        _timers.Add(_time.CreateTimer(
            _ => Enqueue(new Message.Event(new EngineEvent.DependencyTimedOut(container))),
            null,
            due < TimeSpan.Zero ? TimeSpan.Zero : due,
            Timeout.InfiniteTimeSpan));
    }

    private void Finish()
    {
        foreach (var timer in _timers)
        {
            timer.Dispose();
        }
        _timers.Clear();
        _inbox.Writer.TryComplete();
        if (!_lifetime.IsCancellationRequested)
        {
            // Anything still running (a pull nobody waits for any more) is abandoned.
            _lifetime.Cancel();
        }
    }

    private async ValueTask DeliverAsync(TaskStatusReport report)
    {
        try
        {
            await _sink.ReportTaskStatusAsync(report, _lifetime.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The sink owns delivery; see ITaskStatusSink.
        }
    }

    private async ValueTask DeliverAsync(ContainerStatusReport report)
    {
        try
        {
            await _sink.ReportContainerStatusAsync(report, _lifetime.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The sink owns delivery; see ITaskStatusSink.
        }
    }

    private TaskStatusReport BuildTaskReport(EngineAction.ReportTaskStatus report) => new()
    {
        TaskArn = TaskArn,
        Cluster = _launch.Cluster,
        Sequence = ++_sequence,
        Status = report.Status.ToWire(),
        DesiredStatus = report.DesiredStatus.ToWire(),
        HealthStatus = report.Health.ToWire(),
        StopCode = report.StopCode?.ToWire(),
        StoppedReason = report.StoppedReason,
        PullStartedAt = _state.PullStartedAt,
        PullStoppedAt = _state.PullStoppedAt,
        StartedAt = _state.StartedAt,
        StoppingAt = _state.StoppingAt,
        ExecutionStoppedAt = _state.ExecutionStoppedAt,
        StoppedAt = _state.StoppedAt,
    };

    private ContainerStatusReport BuildContainerReport(EngineAction.ReportContainerStatus report) => new()
    {
        TaskArn = TaskArn,
        Cluster = _launch.Cluster,
        Sequence = ++_sequence,
        ContainerName = report.Container,
        RuntimeId = _state.Container(report.Container).RuntimeId,
        Status = report.Status,
        ExitCode = report.ExitCode,
        Reason = report.Reason,
        HealthStatus = report.Health.ToWire(),
        NetworkBindings = _bindings.GetValueOrDefault(report.Container, []),
    };

    /// <summary>The create spec: the launch's, with the ECS name and labels, and sibling names (links, volumesFrom)
    /// rewritten from task-definition names to the siblings' Docker names.</summary>
    private DockerContainerSpec CreateSpec(string container)
    {
        var given = _launch.Containers[container].Docker;
        var labels = given.Labels.ToImmutableDictionary(StringComparer.Ordinal)
            .SetItem(EcsLabels.TaskArn, TaskArn)
            .SetItem(EcsLabels.ContainerName, container)
            .SetItem(EcsLabels.TaskDefinitionFamily, _launch.Family)
            .SetItem(EcsLabels.TaskDefinitionVersion, _launch.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (_launch.Cluster is { } cluster)
        {
            labels = labels.SetItem(EcsLabels.Cluster, cluster);
        }
        return given with
        {
            Name = DockerNameOf(container),
            Labels = labels,
            Links = [.. given.Links.Select(RewriteLink)],
            VolumesFrom = [.. given.VolumesFrom.Select(v => v with { Container = SiblingName(v.Container) })],
        };
    }

    /// <summary>The Docker name of a task container: the adopted one, else a fresh ECS-style name kept for good.</summary>
    private string DockerNameOf(string container)
    {
        if (!_dockerNames.TryGetValue(container, out var name))
        {
            name = ContainerNames.Create(_launch.Family, _launch.Revision, container, _options.Random);
            _dockerNames[container] = name;
        }
        return name;
    }

    /// <summary>A sibling's Docker name when <paramref name="name"/> is a container of this task; other names are left as given.</summary>
    private string SiblingName(string name) => _launch.Containers.ContainsKey(name) ? DockerNameOf(name) : name;

    /// <summary>"name" or "name:alias" with the sibling's Docker name; without an alias the task-definition name becomes
    /// the alias, as in ECS.</summary>
    private string RewriteLink(string link)
    {
        var colon = link.IndexOf(':', StringComparison.Ordinal);
        var (name, alias) = colon < 0 ? (link, link) : (link[..colon], link[(colon + 1)..]);
        return _launch.Containers.ContainsKey(name) ? SiblingName(name) + ":" + alias : link;
    }

    /// <summary>What the loop reads: the first turn, engine events, a start with its port bindings, raw Docker events.</summary>
    private abstract record Message
    {
        public sealed record Begin : Message;

        public sealed record Event(EngineEvent Value) : Message;

        public sealed record StartedWithPorts(string Container, ImmutableArray<NetworkBinding> Bindings) : Message;

        public sealed record Docker(ContainerEvent Value) : Message;
    }
}
