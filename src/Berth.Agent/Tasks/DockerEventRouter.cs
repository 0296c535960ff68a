using System.Collections.Concurrent;
using Berth.Agent.Docker;

namespace Berth.Agent.Tasks;

/// <summary>One subscription to the engine's events (die, oom, health_status) of containers labelled with a task ARN,
/// handing each to the actor of that task, which maps the container id to its container.</summary>
/// <remarks>The stream is reopened after an error or an end, with <c>since</c> = the last event's time (inclusive, so
/// an event may come twice; actors tolerate repeats) after a backoff that doubles from
/// <see cref="MinBackoff"/> to <see cref="MaxBackoff"/> and resets once an event arrives. Register an actor before it
/// starts: events since <see cref="RunAsync"/> began are replayed, so nothing is lost between a registration and the
/// first connection.</remarks>
public sealed class DockerEventRouter(IDockerClient docker, TimeProvider time)
{
    /// <summary>The actions the router follows.</summary>
    public static readonly IReadOnlyList<string> Actions = ["die", "oom", "health_status"];

    private readonly ConcurrentDictionary<string, TaskActor> _actors = new(StringComparer.Ordinal);

    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Routes the events of <paramref name="actor"/>'s containers to it from now on.</summary>
    public void Register(TaskActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        _actors[actor.TaskArn] = actor;
    }

    /// <summary>Stops routing to the actor of <paramref name="taskArn"/> (its events are dropped).</summary>
    public void Unregister(string taskArn) => _actors.TryRemove(taskArn, out _);

    /// <summary>Follows the event stream until <paramref name="cancellationToken"/> ends; ends with OperationCanceledException.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset since = time.GetUtcNow();
        var backoff = MinBackoff;
        while (true)
        {
            var query = new EventsQuery { Labels = [new LabelFilter(EcsLabels.TaskArn)], Actions = Actions, Since = since };
            try
            {
                await foreach (var ev in docker.StreamEventsAsync(query, cancellationToken).ConfigureAwait(false))
                {
                    since = ev.Time;
                    backoff = MinBackoff;
                    Route(ev);
                }
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The engine refused, or the connection dropped mid-stream: reconnect below.
            }
            await Task.Delay(backoff, time, cancellationToken).ConfigureAwait(false);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    private void Route(ContainerEvent ev)
    {
        if (ev.Attributes.TryGetValue(EcsLabels.TaskArn, out var taskArn) && _actors.TryGetValue(taskArn, out var actor))
        {
            actor.Post(ev);
        }
    }
}
