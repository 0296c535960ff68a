using Berth.Agent.Engine;
using TaskStatus = Berth.Agent.Engine.TaskStatus;
namespace Berth.Agent.Tests.Engine;

/// <summary>Task healthStatus from essential containers only.</summary>
public sealed class TaskHealthDerivationTests
{
    // Each container: E (essential) or N (non-essential), + (has a health check) or - (none), then its last health result.
    [Theory]
    [InlineData("HEALTHY", "E+:HEALTHY")]
    [InlineData("HEALTHY", "E+:HEALTHY", "E+:HEALTHY")]
    [InlineData("UNHEALTHY", "E+:UNHEALTHY")]
    [InlineData("UNHEALTHY", "E+:HEALTHY", "E+:UNHEALTHY")]
    [InlineData("UNHEALTHY", "E+:UNKNOWN", "E+:UNHEALTHY")]
    [InlineData("UNKNOWN", "E+:UNKNOWN")]
    [InlineData("UNKNOWN", "E+:HEALTHY", "E+:UNKNOWN")]
    [InlineData("UNKNOWN", "E-:UNKNOWN")]
    [InlineData("UNKNOWN", "E+:HEALTHY", "E-:UNKNOWN")]
    [InlineData("UNKNOWN", "E-:HEALTHY")]
    [InlineData("UNHEALTHY", "E-:UNKNOWN", "E+:UNHEALTHY")]
    [InlineData("HEALTHY", "E+:HEALTHY", "N+:UNHEALTHY")]
    [InlineData("HEALTHY", "E+:HEALTHY", "N+:UNKNOWN")]
    [InlineData("HEALTHY", "E+:HEALTHY", "N-:UNKNOWN")]
    [InlineData("UNKNOWN", "E-:UNKNOWN", "N+:HEALTHY")]
    public void Derive_EssentialAndNonEssentialHealth_Expected(string expected, params string[] containers)
    {
        var specs = containers.Select((c, i) => Specs.Container($"c{i}", essential: c[0] == 'E', healthCheck: c[1] == '+')).ToArray();
        var task = TaskState.Create(Specs.Task(specs));
        for (var i = 0; i < containers.Length; i++)
        {
            task = task.With(task.Container($"c{i}") with { Health = Parse(containers[i][3..]) });
        }

        var health = TaskHealthDerivation.Derive(task);

        Assert.True(health.ToWire() == expected, $"containers [{string.Join(", ", containers)}]: expected task health {expected} but got {health.ToWire()}");
    }

    [Fact]
    public void Apply_HealthChangedOnEssentialContainers_TaskHealthFollowsAndIsReported()
    {
        var harness = new EngineHarness(Specs.Task(Specs.Container("web", healthCheck: true), Specs.Container("api", healthCheck: true)));
        harness.RunUntilQuiet();

        harness.Feed(new EngineEvent.HealthChanged("web", HealthStatus.Healthy));
        Assert.Equal(HealthStatus.Unknown, harness.State.Health);
        harness.Feed(new EngineEvent.HealthChanged("api", HealthStatus.Healthy));
        Assert.Equal(HealthStatus.Healthy, harness.State.Health);
        Assert.Contains(new EngineAction.ReportTaskStatus(TaskStatus.Running, DesiredStatus.Running, HealthStatus.Healthy, null, null), harness.Step());

        harness.Feed(new EngineEvent.HealthChanged("api", HealthStatus.Unhealthy));
        Assert.Equal(HealthStatus.Unhealthy, harness.State.Health);
    }

    [Fact]
    public void Apply_HealthChangedOnContainerWithoutHealthCheck_Ignored()
    {
        var harness = new EngineHarness(Specs.Task(Specs.Container("web")));
        harness.RunUntilQuiet();

        harness.Feed(new EngineEvent.HealthChanged("web", HealthStatus.Healthy));

        Assert.Equal(HealthStatus.Unknown, harness["web"].Health);
        Assert.Equal(HealthStatus.Unknown, harness.State.Health);
    }

    private static HealthStatus Parse(string wire) => Enum.GetValues<HealthStatus>().Single(h => h.ToWire() == wire);
}
