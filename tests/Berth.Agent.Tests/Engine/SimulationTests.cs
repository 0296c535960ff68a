using Berth.Agent.Engine;
using TaskStatus = Berth.Agent.Engine.TaskStatus;
using static Berth.Agent.Engine.EngineAction;
using static Berth.Agent.Engine.EngineEvent;
using static Berth.Agent.Tests.Engine.Specs;

namespace Berth.Agent.Tests.Engine;

/// <summary>A whole task's life, event by event, with every action and report it produces, in order.</summary>
public sealed class SimulationTests
{
    private const string ScaleIn = "Scaling activity initiated by (deployment ecs-svc/8646900195280463695)";

    [Fact]
    public void Simulation_InitDbAppTask_StartsInOrderRunsAndStopsInReverse()
    {
        // init: a non-essential migration; db: essential with a health check and a 60 s start timeout;
        // app: essential with a health check, waits for init to succeed and db to be healthy, 10 s stop timeout.
        var harness = new EngineHarness(Task(
            Container("init", essential: false),
            Container("db", healthCheck: true, startTimeout: TimeSpan.FromSeconds(60)),
            Container("app", healthCheck: true, stopTimeout: TimeSpan.FromSeconds(10),
                dependsOn: [On("init", DependencyCondition.Success), On("db", DependencyCondition.Healthy)])));
        var reported = new List<TaskStatus>();

        Phase(harness, reported, "1 start: pulls without dependencies", 0, [],
            new PullImage("init"), new PullImage("db"));
        Phase(harness, reported, "2 pulled", 1, [new Pulled("init"), new Pulled("db")],
            new CreateContainer("init"), new CreateContainer("db"));
        Phase(harness, reported, "3 created", 1, [new Created("init", "i1"), new Created("db", "d1")],
            new StartContainer("init"), new StartContainer("db"));
        Phase(harness, reported, "4 started: app waits, db's start timeout armed", 1, [new Started("init"), new Started("db")],
            new ArmStartTimeout("db", T0.AddSeconds(3 + 60)),
            new ReportContainerStatus("init", "RUNNING", null, null, HealthStatus.Unknown),
            new ReportContainerStatus("db", "RUNNING", null, null, HealthStatus.Unknown));
        Phase(harness, reported, "5 init succeeded: app still waits for db", 1, [new Exited("init", 0)],
            new ReportContainerStatus("init", "STOPPED", 0, null, HealthStatus.Unknown));
        Phase(harness, reported, "6 db healthy: app may go", 1, [new HealthChanged("db", HealthStatus.Healthy)],
            new PullImage("app"),
            new ReportContainerStatus("db", "RUNNING", null, null, HealthStatus.Healthy));
        Phase(harness, reported, "7 app pulled", 1, [new Pulled("app")],
            new CreateContainer("app"));
        Phase(harness, reported, "8 app created", 1, [new Created("app", "a1")],
            new StartContainer("app"));
        Phase(harness, reported, "9 app started: task RUNNING", 1, [new Started("app")],
            new ReportContainerStatus("app", "RUNNING", null, null, HealthStatus.Unknown),
            new ReportTaskStatus(TaskStatus.Running, DesiredStatus.Running, HealthStatus.Unknown, null, null));
        Phase(harness, reported, "10 app healthy: task HEALTHY", 1, [new HealthChanged("app", HealthStatus.Healthy)],
            new ReportContainerStatus("app", "RUNNING", null, null, HealthStatus.Healthy),
            new ReportTaskStatus(TaskStatus.Running, DesiredStatus.Running, HealthStatus.Healthy, null, null));
        Phase(harness, reported, "11 db's start-timeout timer fires late: nothing waits any more", 60, [new DependencyTimedOut("db")]);
        Phase(harness, reported, "12 scale-in: app stops first", 1, [new StopRequested(ScaleIn, TaskStopCode.ServiceSchedulerInitiated)],
            new StopContainer("app", TimeSpan.FromSeconds(10)),
            new ReportTaskStatus(TaskStatus.Stopping, DesiredStatus.Stopped, HealthStatus.Healthy, TaskStopCode.ServiceSchedulerInitiated, ScaleIn));
        Phase(harness, reported, "13 app exited: db may stop", 5, [new Exited("app", 143)],
            new StopContainer("db", TimeSpan.FromSeconds(30)),
            new ReportContainerStatus("app", "STOPPED", 143, null, HealthStatus.Healthy));
        Phase(harness, reported, "14 db exited: task STOPPED", 1, [new Exited("db", 0)],
            new ReportContainerStatus("db", "STOPPED", 0, null, HealthStatus.Healthy),
            new ReportTaskStatus(TaskStatus.Stopped, DesiredStatus.Stopped, HealthStatus.Healthy, TaskStopCode.ServiceSchedulerInitiated, ScaleIn));
        Phase(harness, reported, "15 nothing left to do", 1, []);

        Assert.Equal([TaskStatus.Running, TaskStatus.Running, TaskStatus.Stopping, TaskStatus.Stopped], reported);
        var task = harness.State;
        Assert.Equal(T0, task.PullStartedAt);
        Assert.Equal(T0.AddSeconds(6), task.PullStoppedAt);
        Assert.Equal(T0.AddSeconds(8), task.StartedAt);
        Assert.Equal(T0.AddSeconds(70), task.StoppingAt);
        Assert.Equal(T0.AddSeconds(76), task.ExecutionStoppedAt);
        Assert.Equal(T0.AddSeconds(76), task.StoppedAt);
        Assert.Equal("a1", task.Container("app").RuntimeId);
        Assert.Equal(T0.AddSeconds(8), task.Container("app").StartedAt);
        Assert.Equal(T0.AddSeconds(75), task.Container("app").FinishedAt);
    }

    /// <summary>Advances the clock, applies the events, steps once and checks the exact actions; records task reports.</summary>
    private static void Phase(EngineHarness harness, List<TaskStatus> reported, string phase, int advanceSeconds,
        EngineEvent[] events, params EngineAction[] expected)
    {
        harness.Clock.Advance(TimeSpan.FromSeconds(advanceSeconds));
        harness.Feed(events);
        var actions = harness.Step();
        Expect.Actions($"phase {phase}", actions, expected);
        reported.AddRange(actions.OfType<ReportTaskStatus>().Select(r => r.Status));
    }
}
