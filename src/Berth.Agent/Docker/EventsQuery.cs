namespace Berth.Agent.Docker;

/// <summary>Which container events to stream. The stream never ends by itself: it runs until the caller cancels or
/// the connection drops; reconnecting (with <see cref="Since"/> = the last event's time) is the caller's job.</summary>
public sealed record EventsQuery
{
    /// <summary>The actions the agent follows; exec_* and the like (one per health check run) are left out.</summary>
    public static readonly IReadOnlyList<string> LifecycleActions = ["create", "start", "die", "oom", "health_status", "destroy"];

    /// <summary>All must match; empty = every container.</summary>
    public IReadOnlyList<LabelFilter> Labels { get; init; } = [];

    /// <summary>Docker action words to pass; empty = all actions. "health_status" matches every "health_status: x".</summary>
    public IReadOnlyList<string> Actions { get; init; } = LifecycleActions;

    /// <summary>Replays the engine's buffered events from this time on (inclusive, so the event at exactly this time
    /// comes again: consumers must tolerate repeats), then continues live. Null: live events only.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Ends the stream at this time; null = never.</summary>
    public DateTimeOffset? Until { get; init; }
}
