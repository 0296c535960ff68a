using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Berth.Agent.Docker;
using DockerContainerState = Berth.Agent.Docker.ContainerState;

namespace Berth.Agent.Tests.Tasks;

/// <summary>A Docker engine in memory: records every call as a line ("pull web:1", "start c1", "stop c2 7s"), answers
/// at once (so the calls of one actor turn are recorded in the actor's order), fails what the test scripts, and lets
/// the test emit events; a stop makes the container exit with <see cref="StopExitCode"/> and emits its die. Listing
/// by label is not recorded in <see cref="Calls"/> (every actor lists first), only counted in <see cref="Lists"/>.</summary>
internal sealed class FakeDockerClient : IDockerClient
{
    private readonly ConcurrentQueue<string> _calls = new();
    private readonly ConcurrentDictionary<string, Container> _containers = new(StringComparer.Ordinal);
    // A null entry breaks the stream being read (a dropped connection).
    private readonly Channel<ContainerEvent?> _events = Channel.CreateUnbounded<ContainerEvent?>();
    private readonly ConcurrentQueue<EventsQuery> _eventQueries = new();
    private int _nextId;
    private int _lists;
    private int _nextExisting;
    private int _eventCount;

    public IReadOnlyList<string> Calls => [.. _calls];

    /// <summary>Every events subscription, in order.</summary>
    public IReadOnlyList<EventsQuery> EventQueries => [.. _eventQueries];

    /// <summary>The event stream being read fails as a dropped connection does.</summary>
    public void BreakEventStream() => _events.Writer.TryWrite(null);

    /// <summary>Images whose pull fails with this reason.</summary>
    public ConcurrentDictionary<string, string> PullFailures { get; } = new(StringComparer.Ordinal);

    /// <summary>Registry passwords whose pulls are refused as unauthorized.</summary>
    public ConcurrentDictionary<string, bool> RefusedPasswords { get; } = new(StringComparer.Ordinal);

    /// <summary>Per image, the published ports a container of it gets.</summary>
    public ConcurrentDictionary<string, IReadOnlyList<PublishedPort>> Ports { get; } = new(StringComparer.Ordinal);

    /// <summary>Task containers (by name) whose create fails with this message.</summary>
    public ConcurrentDictionary<string, string> CreateFailures { get; } = new(StringComparer.Ordinal);

    /// <summary>Task containers (by name) whose start fails with this message.</summary>
    public ConcurrentDictionary<string, string> StartFailures { get; } = new(StringComparer.Ordinal);

    /// <summary>Images already on the host (the keys).</summary>
    public ConcurrentDictionary<string, bool> LocalImages { get; } = new(StringComparer.Ordinal);

    public int StopExitCode { get; set; } = 143;

    /// <summary>How many times containers were listed.</summary>
    public int Lists => Volatile.Read(ref _lists);

    /// <summary>The clock of exit times (for the sweeper's age check).</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>A container that exists before the actor starts (left by an agent before a restart), labelled as an
    /// actor labels them; <paramref name="state"/> is "created", "running" or "exited". Returns its id.</summary>
    public string Existing(string taskArn, string container, string state, int exitCode = 0, string? health = null,
        bool oomKilled = false, IReadOnlyList<PublishedPort>? ports = null, string image = "old:1")
    {
        var id = "old" + Interlocked.Increment(ref _nextExisting).ToString(CultureInfo.InvariantCulture) + "-" + container;
        var spec = new ContainerSpec
        {
            Image = image,
            Name = "ecs-old-" + container,
            Labels = ImmutableDictionary<string, string>.Empty
                .Add("com.amazonaws.ecs.task-arn", taskArn)
                .Add("com.amazonaws.ecs.container-name", container),
        };
        _containers[id] = new Container(spec)
        {
            Running = state == "running",
            Started = state != "created",
            ExitCode = exitCode,
            OomKilled = oomKilled,
            Health = health,
            FinishedAt = state == "exited" ? Time.GetUtcNow() : null,
        };
        if (ports is not null)
        {
            Ports[image] = ports;
        }
        return id;
    }

    /// <summary>Whether a container with this id exists (was not removed).</summary>
    public bool Exists(string id) => _containers.ContainsKey(id);

    /// <summary>The create specs, by the id given ("c1", "c2", ...).</summary>
    public IReadOnlyDictionary<string, ContainerSpec> Created => _containers.ToDictionary(c => c.Key, c => c.Value.Spec);

    /// <summary>The id of the container created for the task container <paramref name="name"/>.</summary>
    public string IdOf(string name) =>
        _containers.Single(c => c.Value.Spec.Labels["com.amazonaws.ecs.container-name"] == name).Key;

    /// <summary>Emits the start event of <paramref name="id"/> (the fake's StartContainerAsync emits none).</summary>
    public void EmitStarted(string id) => Emit(id, ContainerEventAction.Start, "start");

    /// <summary>The container's process ends on its own with <paramref name="exitCode"/>; emits die.</summary>
    public void Exit(string id, int exitCode, bool oomKilled = false)
    {
        var container = _containers[id];
        container.Running = false;
        container.FinishedAt = Time.GetUtcNow();
        container.ExitCode = exitCode;
        container.OomKilled = oomKilled;
        Emit(id, ContainerEventAction.Die, "die", exitCode);
    }

    /// <summary>The container's health check result changed to <paramref name="status"/> ("healthy", "unhealthy").</summary>
    public void Health(string id, string status) => Emit(id, ContainerEventAction.HealthStatus, "health_status: " + status, health: status);

    public Task<DockerEngineInfo> GetEngineInfoAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task PullImageAsync(string image, RegistryAuth? auth, IProgress<PullProgress>? progress, CancellationToken cancellationToken)
    {
        _calls.Enqueue(auth is null ? $"pull {image}" : $"pull {image} as {auth.Username}@{auth.ServerAddress}");
        if (auth is not null && RefusedPasswords.ContainsKey(auth.Password))
        {
            return Task.FromException(new DockerPullException(image, PullFailure.AccessDenied, System.Net.HttpStatusCode.Unauthorized, "unauthorized"));
        }

        return PullFailures.TryGetValue(image, out var reason)
            ? Task.FromException(new DockerPullException(image, PullFailure.ImageNotFound, System.Net.HttpStatusCode.NotFound, reason))
            : Task.CompletedTask;
    }

    public Task<ImageInfo?> InspectImageAsync(string image, CancellationToken cancellationToken)
    {
        _calls.Enqueue($"inspect image {image}");
        return Task.FromResult(LocalImages.ContainsKey(image)
            ? new ImageInfo
            {
                Id = "sha256:1",
                RepoTags = [image],
                RepoDigests = [],
                Os = "linux",
                Architecture = "amd64",
                SizeBytes = 1,
                Labels = ImmutableDictionary<string, string>.Empty,
            }
            : null);
    }

    public Task<CreatedContainer> CreateContainerAsync(ContainerSpec spec, CancellationToken cancellationToken)
    {
        if (CreateFailures.TryGetValue(spec.Labels["com.amazonaws.ecs.container-name"], out var failure))
        {
            _calls.Enqueue($"create {spec.Labels["com.amazonaws.ecs.container-name"]} failed");
            return Task.FromException<CreatedContainer>(new DockerException(DockerOperations.CreateContainer, System.Net.HttpStatusCode.BadRequest, failure));
        }
        var id = "c" + Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        _calls.Enqueue($"create {spec.Labels["com.amazonaws.ecs.container-name"]} -> {id}");
        _containers[id] = new Container(spec);
        return Task.FromResult(new CreatedContainer(id, []));
    }

    public Task StartContainerAsync(string container, CancellationToken cancellationToken)
    {
        _calls.Enqueue($"start {container}");
        if (StartFailures.TryGetValue(_containers[container].Spec.Labels["com.amazonaws.ecs.container-name"], out var failure))
        {
            return Task.FromException(new DockerException(DockerOperations.StartContainer, System.Net.HttpStatusCode.InternalServerError, failure));
        }
        _containers[container].Running = true;
        _containers[container].Started = true;
        return Task.CompletedTask;
    }

    public Task StopContainerAsync(string container, TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        _calls.Enqueue($"stop {container} {gracePeriod.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s");
        if (_containers[container].Running)
        {
            Exit(container, StopExitCode);
        }
        return Task.CompletedTask;
    }

    public Task KillContainerAsync(string container, string signal, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<int> WaitContainerAsync(string container, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ContainerInfo> InspectContainerAsync(string container, CancellationToken cancellationToken)
    {
        _calls.Enqueue($"inspect {container}");
        var c = _containers[container];
        return Task.FromResult(new ContainerInfo
        {
            Id = container,
            Name = c.Spec.Name ?? container,
            Image = c.Spec.Image,
            ImageId = "sha256:0",
            Labels = c.Spec.Labels,
            State = new DockerContainerState
            {
                Status = StatusOf(c),
                Running = c.Running,
                ExitCode = c.ExitCode,
                OomKilled = c.OomKilled,
                StartedAt = c.Started ? DateTimeOffset.UnixEpoch.AddDays(1) : null,
                FinishedAt = c.FinishedAt,
                Health = c.Health is { } health ? new ContainerHealth { Status = health, FailingStreak = 0 } : null,
            },
            Ports = Ports.GetValueOrDefault(c.Spec.Image, []),
            Networks = [],
        });
    }

    public Task RemoveContainerAsync(string container, bool force, bool removeVolumes, CancellationToken cancellationToken)
    {
        _calls.Enqueue($"remove {container}{(force ? " force" : "")}{(removeVolumes ? " volumes" : "")}");
        return _containers.TryRemove(container, out _)
            ? Task.CompletedTask
            : Task.FromException(new DockerNotFoundException(DockerOperations.RemoveContainer, $"No such container: {container}"));
    }

    public Task RemoveVolumeAsync(string volume, CancellationToken cancellationToken)
    {
        _calls.Enqueue($"remove volume {volume}");
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(IReadOnlyList<LabelFilter> labels, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _lists);
        IReadOnlyList<ContainerSummary> found = [.. _containers
            .Where(c => labels.All(f => c.Value.Spec.Labels.TryGetValue(f.Key, out var v) && (f.Value is null || f.Value == v)))
            .Select(c => new ContainerSummary
            {
                Id = c.Key,
                Names = [c.Value.Spec.Name ?? c.Key],
                Image = c.Value.Spec.Image,
                ImageId = "sha256:0",
                State = StatusOf(c.Value),
                Status = StatusOf(c.Value),
                Created = DateTimeOffset.UnixEpoch,
                Labels = c.Value.Spec.Labels,
            })];
        return Task.FromResult(found);
    }

    private static string StatusOf(Container c) => c.Running ? "running" : c.Started ? "exited" : "created";

    public async IAsyncEnumerable<ContainerEvent> StreamEventsAsync(EventsQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _eventQueries.Enqueue(query);
        await foreach (var ev in _events.Reader.ReadAllAsync(cancellationToken))
        {
            yield return ev ?? throw new DockerException(DockerOperations.Events, null, "Cannot connect to the Docker daemon: connection lost");
        }
    }

    /// <summary>The time of the <paramref name="n"/>th event emitted.</summary>
    public static DateTimeOffset EventTime(int n) => DateTimeOffset.UnixEpoch.AddSeconds(n);

    private void Emit(string id, ContainerEventAction action, string raw, int? exitCode = null, string? health = null)
    {
        var attributes = _containers[id].Spec.Labels.ToImmutableDictionary().SetItem("name", _containers[id].Spec.Name ?? id);
        if (exitCode is { } code)
        {
            attributes = attributes.SetItem("exitCode", code.ToString(CultureInfo.InvariantCulture));
        }
        _events.Writer.TryWrite(new ContainerEvent
        {
            Action = action,
            RawAction = raw,
            ContainerId = id,
            Attributes = attributes,
            Time = EventTime(Interlocked.Increment(ref _eventCount)),
            TimeNano = _eventCount,
            ExitCode = exitCode,
            HealthStatus = health,
        });
    }

    private sealed class Container(ContainerSpec spec)
    {
        public ContainerSpec Spec { get; } = spec;

        public volatile bool Running;

        public volatile bool Started;

        public DateTimeOffset? FinishedAt;

        public string? Health;

        public int ExitCode;

        public bool OomKilled;
    }
}
