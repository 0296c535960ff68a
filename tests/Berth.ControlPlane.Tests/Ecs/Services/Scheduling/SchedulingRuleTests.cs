using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Services;
using Berth.ControlPlane.Ecs.Services.Scheduling;

namespace Berth.ControlPlane.Tests.Ecs.Services.Scheduling;

/// <summary>The pure rules the scheduler is made of, as tables: bounds, breaker threshold and failures, health, throttle
/// delays, scale-in order and event suppression.</summary>
public sealed class SchedulingRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(4, 100, 200, "REPLICA", 4, 8)]
    [InlineData(4, 50, 200, "REPLICA", 2, 8)]
    [InlineData(4, 50, 100, "REPLICA", 2, 4)]
    [InlineData(4, 0, 100, "REPLICA", 0, 4)]
    [InlineData(3, 100, 125, "REPLICA", 3, 3)]
    [InlineData(2, 75, 100, "REPLICA", 2, 2)]
    [InlineData(3, 50, 150, "REPLICA", 2, 4)]
    [InlineData(0, 100, 200, "REPLICA", 0, 0)]
    [InlineData(5, null, null, "REPLICA", 5, 10)]
    [InlineData(5, 60, null, "REPLICA", 3, 10)]
    [InlineData(5, null, null, "DAEMON", 0, 5)]
    [InlineData(5, null, 150, null, 5, 7)]
    public void Bounds_RoundLowerUpAndUpperDown(int desired, int? minimum, int? maximum, string? strategy, int lower, int upper)
    {
        var configuration = minimum is null && maximum is null ? null : new DeploymentConfiguration { MinimumHealthyPercent = minimum, MaximumPercent = maximum };

        Assert.Equal(new DeploymentBounds(lower, upper), DeploymentBounds.For(desired, configuration, strategy));
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(1, 3)]
    [InlineData(6, 3)]
    [InlineData(7, 4)]
    [InlineData(25, 13)]
    [InlineData(400, 200)]
    [InlineData(800, 200)]
    public void BreakerThreshold_HalfRoundedUpWithinThreeAndTwoHundred(int desired, int threshold) =>
        Assert.Equal(threshold, CircuitBreaker.Threshold(desired));

    [Fact]
    public void BreakerFailures_CountStartFailuresAndHealthStopsSinceTheLastHealthyTask()
    {
        var tasks = new[]
        {
            Task("a", stoppedAt: Now.AddMinutes(-10)),
            Task("b", startedAt: Now.AddMinutes(-9), stoppedAt: Now.AddMinutes(-5)),
            Task("c", stoppedAt: Now.AddMinutes(-4)),
            Task("d", startedAt: Now.AddMinutes(-3), stoppedAt: Now.AddMinutes(-2), checkedHealth: "UNHEALTHY", reason: CircuitBreaker.HealthCheckFailure),
            Task("e", stoppedAt: Now.AddMinutes(-1), deployment: "ecs-svc/other"),
        };

        Assert.Equal(new DeploymentFailures(2, true), CircuitBreaker.Failures("ecs-svc/1", tasks, Now, SchedulerSettings.Default));
        Assert.Equal(new DeploymentFailures(0, false),
            CircuitBreaker.Failures("ecs-svc/1", [.. tasks, Task("f", startedAt: Now.AddMinutes(-1), checkedHealth: "HEALTHY")], Now, SchedulerSettings.Default));
    }

    [Theory]
    [InlineData("RUNNING", "RUNNING", -39, false, "UNKNOWN", false, false)]
    [InlineData("RUNNING", "RUNNING", -40, false, "UNKNOWN", true, false)]
    [InlineData("RUNNING", "RUNNING", -5, true, "HEALTHY", true, false)]
    [InlineData("RUNNING", "RUNNING", -500, true, "UNKNOWN", false, false)]
    [InlineData("RUNNING", "RUNNING", -59, true, "UNHEALTHY", false, false)]
    [InlineData("RUNNING", "RUNNING", -60, true, "UNHEALTHY", false, true)]
    [InlineData("RUNNING", "STOPPED", -500, false, "UNKNOWN", false, false)]
    [InlineData("PENDING", "RUNNING", null, false, "UNKNOWN", false, false)]
    [InlineData("DEACTIVATING", "RUNNING", -500, false, "UNKNOWN", false, false)]
    public void Health_RunningAndCheckedOrOldEnough_UnhealthyOnlyAfterGrace(
        string lastStatus, string desiredStatus, int? startedSecondsAgo, bool checkedHealth, string health, bool healthy, bool failing)
    {
        var task = Task("a", startedAt: startedSecondsAgo is { } s ? Now.AddSeconds(s) : null, checkedHealth: checkedHealth ? health : null)
            with { LastStatus = lastStatus, DesiredStatus = desiredStatus };

        Assert.Equal(healthy, TaskHealth.IsHealthy(task, Now, SchedulerSettings.Default));
        Assert.Equal(failing, TaskHealth.IsFailingHealthChecks(task, Now, TimeSpan.FromSeconds(60)));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(7, 640)]
    [InlineData(8, 900)]
    [InlineData(60, 900)]
    public void ThrottleDelay_DoublesFromTenSecondsUpToFifteenMinutes(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), LaunchThrottle.Delay(failures));

    [Fact]
    public void Throttle_CountsFailedStartsBackToTheNewestTaskThatRan()
    {
        var tasks = new[]
        {
            Task("a", stoppedAt: Now.AddMinutes(-9)),
            Task("b", startedAt: Now.AddMinutes(-8), stoppedAt: Now.AddMinutes(-7)),
            Task("c", stoppedAt: Now.AddMinutes(-6)),
            Task("d", stoppedAt: Now.AddMinutes(-5)),
            Task("e") with { LastStatus = "PENDING" },
        };

        Assert.Equal(new FailedStarts(2, Now.AddMinutes(-6), Now.AddMinutes(-5).AddSeconds(20)), LaunchThrottle.Of("ecs-svc/1", tasks));
        Assert.Null(LaunchThrottle.Of("ecs-svc/1", [.. tasks, Task("f", startedAt: Now)]));
    }

    [Fact]
    public void ScaleInOrder_OldDeploymentThenPendingThenFullestZoneThenFullestInstance()
    {
        var live = new[]
        {
            Task("p-a1", startedAt: Now, zone: "a", instance: "i1"),
            Task("p-a2", startedAt: Now, zone: "a", instance: "i1"),
            Task("p-a3", startedAt: Now, zone: "a", instance: "i2"),
            Task("p-b1", startedAt: Now, zone: "b", instance: "i3"),
            Task("p-pending", zone: "b", instance: "i3") with { LastStatus = "PENDING" },
            Task("old-b", startedAt: Now, zone: "b", instance: "i3", deployment: "ecs-svc/old"),
        };

        var order = ScaleInOrder.Order(live, live, "ecs-svc/1").Select(t => t.TaskArn[(t.TaskArn.LastIndexOf('/') + 1)..]);

        Assert.Equal(["old-b", "p-pending", "p-a1", "p-a2", "p-a3", "p-b1"], order);
    }

    [Theory]
    [InlineData("steady", 0, "steady", 0)]
    [InlineData("steady", 5 * 60 + 59, "steady", 0)]
    [InlineData("steady", 6 * 60, "steady", 1)]
    [InlineData("other", 1, "steady", 1)]
    public void Events_RepeatOfTheNewestSuppressedForSixHours(string newest, int minutesLater, string message, int added)
    {
        var ids = new SequentialIdSource();
        var service = ServiceEvents.Add(new StoredService { Service = new Service() }, newest, Now, ids);

        var after = ServiceEvents.Add(service, message, Now.AddMinutes(minutesLater), ids);

        Assert.Equal(1 + added, after.Service.Events!.Count);
        Assert.Equal(message, after.Service.Events[0].Message);
    }

    [Fact]
    public void Events_KeepTheNewestHundred()
    {
        var ids = new SequentialIdSource();
        var service = new StoredService { Service = new Service() };
        for (var i = 0; i < 120; i++)
        {
            service = ServiceEvents.Add(service, $"event {i}", Now.AddSeconds(i), ids);
        }

        Assert.Equal(100, service.Service.Events!.Count);
        Assert.Equal(("event 119", "event 20"), (service.Service.Events[0].Message, service.Service.Events[^1].Message));
    }

    private static ServiceTask Task(string id, DateTimeOffset? startedAt = null, DateTimeOffset? stoppedAt = null, string? checkedHealth = null,
        string? reason = null, string deployment = "ecs-svc/1", string zone = "a", string instance = "i1") =>
        new($"arn:aws:ecs:us-east-1:123456789012:task/prod/{id}", deployment,
            stoppedAt is null ? (startedAt is null ? "PENDING" : "RUNNING") : "STOPPED", stoppedAt is null ? "RUNNING" : "STOPPED",
            Now.AddHours(-1), startedAt, stoppedAt, null, reason, checkedHealth ?? "UNKNOWN", checkedHealth is not null, instance, zone, null);
}
