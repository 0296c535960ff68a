using Berth.Aws.Generated.Ecs;
using Berth.Aws.Protocol;
using Berth.ControlPlane.Ecs.Tasks;
using EcsTask = Berth.Aws.Generated.Ecs.Task;

namespace Berth.ControlPlane.Tests.Ecs.Tasks;

/// <summary>The transition table: every status pair, the stop codes, replays and stale reports, and the stamped times.</summary>
public sealed class TaskStateTransitionTests
{
    private static readonly DateTimeOffset Earlier = new(2026, 11, 21, 11, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private static readonly string[] TaskStatuses =
        ["PROVISIONING", "PENDING", "ACTIVATING", "RUNNING", "DEACTIVATING", "STOPPING", "DEPROVISIONING", "STOPPED"];

    public static TheoryData<string, string> TaskStatusPairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var from in TaskStatuses)
        {
            foreach (var to in TaskStatuses)
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TaskStatusPairs))]
    public void TaskStatus_OnlyMovesForward(string from, string to)
    {
        var task = Task(from);

        var next = TaskStateTransition.Apply(task, Report(to), Now);

        var advances = Array.IndexOf(TaskStatuses, to) > Array.IndexOf(TaskStatuses, from);
        Assert.Equal(advances ? to : from, next.LastStatus);
        Assert.Equal(advances, TaskStateTransition.Changed(task, next));
    }

    [Theory]
    [InlineData("PENDING", "PENDING", "PENDING")]
    [InlineData("PENDING", "RUNNING", "RUNNING")]
    [InlineData("PENDING", "STOPPED", "STOPPED")]
    [InlineData("RUNNING", "PENDING", "RUNNING")]
    [InlineData("RUNNING", "RUNNING", "RUNNING")]
    [InlineData("RUNNING", "STOPPED", "STOPPED")]
    [InlineData("STOPPED", "PENDING", "STOPPED")]
    [InlineData("STOPPED", "RUNNING", "STOPPED")]
    [InlineData("STOPPED", "STOPPED", "STOPPED")]
    public void ContainerStatus_OnlyMovesForward(string from, string to, string expected)
    {
        var task = Task("RUNNING", containerStatus: from);

        var next = TaskStateTransition.Apply(task, Report(null, new ContainerStateChange { ContainerName = "app", Status = to }), Now);

        Assert.Equal(expected, next.Containers!.Single().LastStatus);
    }

    [Fact]
    public void Container_Report_ReplacesTheFieldsItGives_AndKeepsTheOthers()
    {
        var task = Task("PENDING");
        var bindings = new List<NetworkBinding> { new() { BindIP = "0.0.0.0", ContainerPort = 80, HostPort = 32768, Protocol = "tcp" } };

        var running = TaskStateTransition.Apply(
            task, Report(null, new ContainerStateChange { ContainerName = "app", Status = "RUNNING", RuntimeId = "abc", NetworkBindings = bindings }), Now);
        var stopped = TaskStateTransition.Apply(
            running, Report(null, new ContainerStateChange { ContainerName = "app", Status = "STOPPED", ExitCode = 137, Reason = "OutOfMemoryError" }), Now);

        var container = stopped.Containers!.Single();
        Assert.Equal(("STOPPED", "abc", 137, "OutOfMemoryError"), (container.LastStatus, container.RuntimeId, container.ExitCode, container.Reason));
        Assert.Equal(bindings, container.NetworkBindings);
        Assert.Equal("PENDING", stopped.LastStatus);
    }

    [Fact]
    public void Container_StaleReport_ChangesNothing()
    {
        var task = Task("RUNNING", containerStatus: "STOPPED");

        var next = TaskStateTransition.Apply(task, Report(null, new ContainerStateChange { ContainerName = "app", Status = "RUNNING", RuntimeId = "old" }), Now);

        Assert.False(TaskStateTransition.Changed(task, next));
    }

    [Fact]
    public void Replay_OfTheSameReport_ChangesNothing()
    {
        var report = Report("RUNNING", new ContainerStateChange { ContainerName = "app", Status = "RUNNING", RuntimeId = "abc" }) with { PullStartedAt = Earlier };
        var once = TaskStateTransition.Apply(Task("PENDING"), report, Now);

        var twice = TaskStateTransition.Apply(once, report, Now.AddMinutes(1));

        Assert.False(TaskStateTransition.Changed(once, twice));
    }

    [Fact]
    public void Running_StampsStartedAtAndConnectivity()
    {
        var next = TaskStateTransition.Apply(Task("PENDING"), Report("RUNNING") with { PullStartedAt = Earlier, PullStoppedAt = Earlier.AddSeconds(5) }, Now);

        Assert.Equal((Now, "CONNECTED", Now), (next.StartedAt, next.Connectivity, next.ConnectivityAt));
        Assert.Equal((Earlier, Earlier.AddSeconds(5)), (next.PullStartedAt, next.PullStoppedAt));
        Assert.Equal(("RUNNING", null, null, null), (next.DesiredStatus, next.StoppingAt, next.StoppedAt, next.StopCode));
    }

    [Fact]
    public void Stopped_StampsStoppingStoppedAndExecutionStoppedAt()
    {
        var next = TaskStateTransition.Apply(Task("RUNNING"), Report("STOPPED"), Now);

        Assert.Equal((Now, Now, Now), (next.StoppingAt, next.StoppedAt, next.ExecutionStoppedAt));
    }

    [Fact]
    public void Stopped_KeepsTheReportedExecutionStoppedAt_AndAnEarlierStoppingAt()
    {
        var task = Task("STOPPING") with { StoppingAt = Earlier };

        var next = TaskStateTransition.Apply(task, Report("STOPPED") with { ExecutionStoppedAt = Earlier.AddSeconds(3) }, Now);

        Assert.Equal((Earlier, Now, Earlier.AddSeconds(3)), (next.StoppingAt, next.StoppedAt, next.ExecutionStoppedAt));
    }

    [Theory]
    [InlineData("RUNNING", "STOPPED", "Essential container in task exited", "EssentialContainerExited", "Essential container in task exited")]
    [InlineData("RUNNING", "STOPPED", null, "EssentialContainerExited", "Essential container in task exited")]
    [InlineData("RUNNING", "DEACTIVATING", "Essential container in task exited", "EssentialContainerExited", "Essential container in task exited")]
    [InlineData("PENDING", "STOPPED", "CannotPullContainerError: pull access denied", "TaskFailedToStart", "CannotPullContainerError: pull access denied")]
    [InlineData("PENDING", "STOPPED", null, "TaskFailedToStart", "Task failed to start")]
    [InlineData("ACTIVATING", "STOPPING", "ResourceInitializationError: no", "TaskFailedToStart", "ResourceInitializationError: no")]
    public void GoingDownOnItsOwn_StopsTheTask_WithTheCodeAndReason(string from, string to, string? reason, string stopCode, string stoppedReason)
    {
        var next = TaskStateTransition.Apply(Task(from), Report(to) with { Reason = reason }, Now);

        Assert.Equal(("STOPPED", stopCode, stoppedReason, Now), (next.DesiredStatus, next.StopCode, next.StoppedReason, next.StoppingAt));
    }

    [Fact]
    public void FailedToStart_WithoutATaskReason_TakesTheContainersReason()
    {
        var report = Report("STOPPED", new ContainerStateChange { ContainerName = "app", Status = "STOPPED", Reason = "CannotPullContainerError: nope" });

        var next = TaskStateTransition.Apply(Task("PENDING"), report, Now);

        Assert.Equal(("TaskFailedToStart", "CannotPullContainerError: nope"), (next.StopCode, next.StoppedReason));
    }

    [Theory]
    [InlineData("Essential container in task exited", "Essential container in task exited")]
    [InlineData(null, "Essential container in task exited")]
    public void ExitedBeforeRunningWasReported_IsAnEssentialContainerExit(string? reason, string stoppedReason)
    {
        var report = Report("STOPPED", new ContainerStateChange { ContainerName = "app", Status = "STOPPED", ExitCode = 1 }) with { Reason = reason };

        var next = TaskStateTransition.Apply(Task("PENDING"), report, Now);

        Assert.Equal(("EssentialContainerExited", stoppedReason, "STOPPED"), (next.StopCode, next.StoppedReason, next.LastStatus));
    }

    [Fact]
    public void ExitCode_ReportedBeforeTheTaskStops_CountsAsHavingStarted()
    {
        var exited = TaskStateTransition.Apply(
            Task("PENDING"), Report(null, new ContainerStateChange { ContainerName = "app", Status = "STOPPED", ExitCode = 0 }), Now);

        var next = TaskStateTransition.Apply(exited, Report("STOPPED"), Now);

        Assert.Equal(("EssentialContainerExited", "Essential container in task exited"), (next.StopCode, next.StoppedReason));
    }

    [Fact]
    public void StartFailure_WithAReasonAndNoExitCode_FailedToStart()
    {
        var report = Report("STOPPED", new ContainerStateChange { ContainerName = "app", Status = "STOPPED", Reason = "CannotStartContainerError: no such file" })
            with { Reason = "CannotStartContainerError: no such file" };

        var next = TaskStateTransition.Apply(Task("PENDING"), report, Now);

        Assert.Equal(("TaskFailedToStart", "CannotStartContainerError: no such file"), (next.StopCode, next.StoppedReason));
    }

    [Fact]
    public void StartFailure_OfOneContainer_WhileTheAgentStoppedARunningSibling_FailedToStart()
    {
        var task = Task("PENDING") with
        {
            Containers = [new Container { Name = "app", LastStatus = "PENDING" }, new Container { Name = "proxy", LastStatus = "RUNNING" }],
        };
        var report = Report(
            "STOPPED",
            new ContainerStateChange { ContainerName = "app", Status = "STOPPED", Reason = "CannotStartContainerError: no such file" },
            new ContainerStateChange { ContainerName = "proxy", Status = "STOPPED", ExitCode = 143 }) with { Reason = "CannotStartContainerError: no such file" };

        var next = TaskStateTransition.Apply(task, report, Now);

        Assert.Equal(("TaskFailedToStart", "CannotStartContainerError: no such file"), (next.StopCode, next.StoppedReason));
    }

    [Fact]
    public void UserStop_KeepsItsCodeAndReason()
    {
        var task = Task("RUNNING") with
        {
            DesiredStatus = "STOPPED", StopCode = "UserInitiated", StoppedReason = "Task stopped by user", StoppingAt = Earlier,
        };

        var next = TaskStateTransition.Apply(task, Report("STOPPED") with { Reason = "Essential container in task exited" }, Now);

        Assert.Equal(("STOPPED", "UserInitiated", "Task stopped by user"), (next.DesiredStatus, next.StopCode, next.StoppedReason));
        Assert.Equal((Earlier, Now), (next.StoppingAt, next.StoppedAt));
    }

    [Fact]
    public void UnknownTaskStatus_IsRefused()
    {
        var error = Assert.Throws<AwsException>(() => TaskStateTransition.Apply(Task("PENDING"), Report("EXPLODED"), Now));
        Assert.Equal(("InvalidParameterException", "EXPLODED is not a valid task status."), (error.Code, error.Message));
    }

    [Theory]
    [InlineData("nope", "RUNNING", "Container nope is not a container of the task.")]
    [InlineData("app", "ACTIVATING", "ACTIVATING is not a valid container status.")]
    public void BadContainerReport_IsRefused(string name, string status, string message)
    {
        var error = Assert.Throws<AwsException>(() =>
            TaskStateTransition.Apply(Task("PENDING"), Report(null, new ContainerStateChange { ContainerName = name, Status = status }), Now));
        Assert.Equal(("InvalidParameterException", message), (error.Code, error.Message));
    }

    /// <summary>A task at <paramref name="status"/>; one that is past PENDING has run (startedAt set), as its RUNNING report left it.</summary>
    private static EcsTask Task(string status, string containerStatus = "PENDING") => new()
    {
        TaskArn = "arn:aws:ecs:us-east-1:123456789012:task/prod/abc",
        LastStatus = status,
        DesiredStatus = "RUNNING",
        StartedAt = Array.IndexOf(TaskStatuses, status) >= Array.IndexOf(TaskStatuses, "RUNNING") ? Earlier : null,
        Containers = [new Container { Name = "app", LastStatus = containerStatus, NetworkBindings = [] }],
        Version = 1,
    };

    private static TaskStateReport Report(string? status, params ContainerStateChange[] containers) => new(status, null, containers);
}
