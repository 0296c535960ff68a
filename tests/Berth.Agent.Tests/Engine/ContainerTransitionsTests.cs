using Berth.Agent.Engine;
using TaskStatus = Berth.Agent.Engine.TaskStatus;
namespace Berth.Agent.Tests.Engine;

/// <summary>The per-container next step over every (known, desired) pair, and what Decide makes of it.</summary>
public sealed class ContainerTransitionsTests
{
    /// <summary>known, desired, the step (by name: the enum is internal), and the action Decide issues for a lone container with nothing in flight (null: none).</summary>
    public static TheoryData<ContainerStatus, DesiredStatus, string, string?> EveryPair => new()
    {
        { ContainerStatus.None, DesiredStatus.Running, nameof(ContainerStep.Pull), nameof(EngineAction.PullImage) },
        { ContainerStatus.Pulled, DesiredStatus.Running, nameof(ContainerStep.Create), nameof(EngineAction.CreateContainer) },
        { ContainerStatus.Created, DesiredStatus.Running, nameof(ContainerStep.Start), nameof(EngineAction.StartContainer) },
        { ContainerStatus.Running, DesiredStatus.Running, nameof(ContainerStep.None), null },
        { ContainerStatus.Stopped, DesiredStatus.Running, nameof(ContainerStep.None), null },
        { ContainerStatus.None, DesiredStatus.Stopped, nameof(ContainerStep.MarkStopped), null },
        { ContainerStatus.Pulled, DesiredStatus.Stopped, nameof(ContainerStep.MarkStopped), null },
        { ContainerStatus.Created, DesiredStatus.Stopped, nameof(ContainerStep.MarkStopped), null },
        { ContainerStatus.Running, DesiredStatus.Stopped, nameof(ContainerStep.Stop), nameof(EngineAction.StopContainer) },
        { ContainerStatus.Stopped, DesiredStatus.Stopped, nameof(ContainerStep.None), null },
    };

    public static TheoryData<ContainerStatus, DesiredStatus, ContainerOperation> EveryPairWithEveryOperationInFlight()
    {
        var data = new TheoryData<ContainerStatus, DesiredStatus, ContainerOperation>();
        foreach (var known in Enum.GetValues<ContainerStatus>())
        {
            foreach (var desired in Enum.GetValues<DesiredStatus>())
            {
                foreach (var operation in Enum.GetValues<ContainerOperation>())
                {
                    data.Add(known, desired, operation);
                }
            }
        }
        return data;
    }

    [Fact]
    public void EveryPair_CoversEachKnownDesiredCombinationOnce()
    {
        var covered = EveryPair.Select(row => ((ContainerStatus)row[0], (DesiredStatus)row[1])).ToList();
        var all = Enum.GetValues<ContainerStatus>().SelectMany(k => Enum.GetValues<DesiredStatus>().Select(d => (k, d))).ToList();

        Assert.Equal(all.Count, covered.Count);
        Assert.Equal(all.ToHashSet(), covered.ToHashSet());
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Next_KnownAndDesired_ExpectedStep(ContainerStatus known, DesiredStatus desired, string step, string? action)
    {
        _ = action;
        var actual = ContainerTransitions.Next(known, desired);

        Assert.True(actual == Enum.Parse<ContainerStep>(step), $"container at {known} desired {desired}: expected step {step} but got {actual}");
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Decide_LoneContainerAtKnownAndDesired_ExpectedAction(ContainerStatus known, DesiredStatus desired, string step, string? action)
    {
        _ = step;
        var task = Lone(known, desired, inFlight: null);

        var actions = new TaskEngine(new ManualTimeProvider(Specs.T0)).Decide(task).Where(Expect.IsDocker).ToList();

        var actual = actions.SingleOrDefault()?.GetType().Name;
        Assert.True(actions.Count <= 1 && actual == action,
            $"container app at {known} desired {desired}: expected {action ?? "no Docker action"} but got [{string.Join(", ", actions)}]");
    }

    [Theory]
    [MemberData(nameof(EveryPairWithEveryOperationInFlight))]
    public void Decide_OperationInFlight_IssuesNothingForThatContainer(ContainerStatus known, DesiredStatus desired, ContainerOperation inFlight)
    {
        var task = Lone(known, desired, inFlight);

        var actions = new TaskEngine(new ManualTimeProvider(Specs.T0)).Decide(task).Where(Expect.IsDocker).ToList();

        Assert.True(actions.Count == 0,
            $"container app at {known} desired {desired} with {inFlight} in flight: expected no Docker action but got [{string.Join(", ", actions)}]");
    }

    [Fact]
    public void Decide_RunningContainerDesiredStopped_StopCarriesDefaultTimeoutOf30Seconds()
    {
        var actions = new TaskEngine(new ManualTimeProvider(Specs.T0)).Decide(Lone(ContainerStatus.Running, DesiredStatus.Stopped, null));

        Assert.Contains(new EngineAction.StopContainer("app", TimeSpan.FromSeconds(30)), actions);
    }

    [Theory]
    [InlineData(ContainerStatus.None)]
    [InlineData(ContainerStatus.Pulled)]
    [InlineData(ContainerStatus.Created)]
    public void Apply_NeverStartedContainerNotWanted_RecordedStoppedWithoutDockerCall(ContainerStatus known)
    {
        var harness = new EngineHarness(Specs.Task(Specs.Container("app")));
        harness.Bring(known);

        harness.Feed(new EngineEvent.StopRequested());

        Expect.Container($"stopped at {known}", harness.State, "app", ContainerStatus.Stopped, DesiredStatus.Stopped);
        Expect.DockerActions($"after stop at {known}", harness.Step());
        Assert.Equal(TaskStatus.Stopped, harness.State.KnownStatus);
    }

    /// <summary>A one-container task whose container sits at (known, desired), unsettled, as Decide might be handed it.</summary>
    private static TaskState Lone(ContainerStatus known, DesiredStatus desired, ContainerOperation? inFlight)
    {
        var task = TaskState.Create(Specs.Task(Specs.Container("app")));
        return task.With(task.Container("app") with
        {
            KnownStatus = known,
            DesiredStatus = desired,
            InFlight = inFlight,
            StartedAt = known >= ContainerStatus.Running ? Specs.T0 : null,
        }) with { DesiredStatus = desired };
    }
}
