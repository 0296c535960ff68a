namespace Berth.Agent.Engine;

/// <summary>The task state machine as two pure functions, so every ECS lifecycle rule can be tested without Docker or a real clock.</summary>
/// <remarks>
/// <see cref="Decide"/> lists what to do next, <see cref="Apply"/> folds in what was observed; time comes only from the
/// injected clock.
/// The intended loop, owned by one actor per task: apply an event; decide; apply <see cref="EngineEvent.Dispatched"/>
/// with the decided actions; perform them; apply their outcomes as they arrive. The engine keeps no state of its own and
/// is safe to share.
/// </remarks>
public sealed class TaskEngine
{
    private readonly TimeProvider _time;
    private readonly EngineOptions _options;

    /// <summary>An engine reading time from <paramref name="time"/>, with ECS's agent defaults unless <paramref name="options"/> says otherwise.</summary>
    public TaskEngine(TimeProvider time, EngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        options ??= new EngineOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.DefaultStopTimeout, TimeSpan.Zero, nameof(options));
        _time = time;
        _options = options;
    }

    /// <summary>What should happen next for <paramref name="state"/>; the same state always gives the same list, and nothing in flight is listed again.</summary>
    public IReadOnlyList<EngineAction> Decide(TaskState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Decider.Decide(state, _options);
    }

    /// <summary>The state after <paramref name="ev"/> was observed now, with everything that follows from it worked out.</summary>
    public TaskState Apply(TaskState state, EngineEvent ev)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(ev);
        var now = _time.GetUtcNow();
        return StateSettler.Settle(EventFold.Apply(state, ev, now), now);
    }
}
