using Berth.Agent.Engine;
using static Berth.Agent.Engine.EngineAction;
using static Berth.Agent.Engine.EngineEvent;

namespace Berth.Agent.Tests.Engine;

/// <summary>Plays the task actor: decides, dispatches, feeds events, and answers Docker actions with success when asked.</summary>
internal sealed class EngineHarness
{
    public EngineHarness(TaskSpec spec, EngineOptions? options = null)
    {
        Engine = new TaskEngine(Clock, options);
        State = TaskState.Create(spec);
    }

    public ManualTimeProvider Clock { get; } = new(Specs.T0);

    public TaskEngine Engine { get; }

    public TaskState State { get; private set; }

    public ContainerState this[string name] => State.Container(name);

    /// <summary>Decides and dispatches, as the actor does; returns what was dispatched.</summary>
    public IReadOnlyList<EngineAction> Step()
    {
        var actions = Engine.Decide(State);
        State = Engine.Apply(State, new Dispatched(actions));
        return actions;
    }

    /// <summary>Applies events in order.</summary>
    public EngineHarness Feed(params EngineEvent[] events)
    {
        foreach (var ev in events)
        {
            State = Engine.Apply(State, ev);
        }
        return this;
    }

    /// <summary>Steps and answers every pull, create and start with success until nothing more is decided; returns every action dispatched.</summary>
    public List<EngineAction> RunUntilQuiet(int maxSteps = 50)
    {
        var all = new List<EngineAction>();
        for (var i = 0; i < maxSteps; i++)
        {
            var actions = Step();
            if (actions.Count == 0)
            {
                return all;
            }
            all.AddRange(actions);
            Feed([.. actions.Select(Success).OfType<EngineEvent>()]);
        }
        throw new InvalidOperationException($"Task did not settle within {maxSteps} steps; last state {State.KnownStatus}.");
    }

    /// <summary>Steps and answers with success until every container reached <paramref name="target"/> (at most Running); nothing is left in flight.</summary>
    public EngineHarness Bring(ContainerStatus target, int maxSteps = 50)
    {
        for (var i = 0; i < maxSteps && !State.Containers.All(c => c.KnownStatus >= target); i++)
        {
            Feed([.. Step().Select(Success).OfType<EngineEvent>()]);
        }
        Assert.True(State.Containers.All(c => c.KnownStatus >= target), $"setup: containers did not all reach {target}");
        return this;
    }

    /// <summary>Steps until <paramref name="name"/> reached <paramref name="target"/>, answering only its own actions; what else is dispatched stays in flight.</summary>
    public EngineHarness BringOnly(string name, ContainerStatus target, int maxSteps = 10)
    {
        for (var i = 0; i < maxSteps && State.Container(name).KnownStatus < target; i++)
        {
            Feed([.. Step().Where(a => ContainerOf(a) == name).Select(Success).OfType<EngineEvent>()]);
        }
        Assert.True(State.Container(name).KnownStatus >= target, $"setup: container {name} did not reach {target}");
        return this;
    }

    private static string? ContainerOf(EngineAction action) => action switch
    {
        PullImage a => a.Container,
        CreateContainer a => a.Container,
        StartContainer a => a.Container,
        StopContainer a => a.Container,
        _ => null,
    };

    /// <summary>The event a successful Docker call would produce for <paramref name="action"/>; null for reports, timers and stops.</summary>
    public static EngineEvent? Success(EngineAction action) => action switch
    {
        PullImage a => new Pulled(a.Container),
        CreateContainer a => new Created(a.Container, "docker-" + a.Container),
        StartContainer a => new Started(a.Container),
        _ => null,
    };
}
