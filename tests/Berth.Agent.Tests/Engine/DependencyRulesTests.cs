using Berth.Agent.Engine;
namespace Berth.Agent.Tests.Engine;

/// <summary>Each dependsOn condition against each thing a dependency can have done, at both gates.</summary>
public sealed class DependencyRulesTests
{
    // Columns: condition, gate, dependency known status, whether it ever ran, its exit code, its health, whether it
    // has a health check, and the expected outcome (enum names, since the rule types are internal).
    [Theory]
    // START: created is enough to create the dependent, running (or finished after running) to start it.
    [InlineData(DependencyCondition.Start, "Create", ContainerStatus.None, false, null, HealthStatus.Unknown, false, "Waiting")]
    [InlineData(DependencyCondition.Start, "Create", ContainerStatus.Pulled, false, null, HealthStatus.Unknown, false, "Waiting")]
    [InlineData(DependencyCondition.Start, "Create", ContainerStatus.Created, false, null, HealthStatus.Unknown, false, "Satisfied")]
    [InlineData(DependencyCondition.Start, "Create", ContainerStatus.Running, true, null, HealthStatus.Unknown, false, "Satisfied")]
    [InlineData(DependencyCondition.Start, "Create", ContainerStatus.Stopped, true, 0, HealthStatus.Unknown, false, "Satisfied")]
    [InlineData(DependencyCondition.Start, "Create", ContainerStatus.Stopped, true, 1, HealthStatus.Unknown, false, "Satisfied")]
    [InlineData(DependencyCondition.Start, "Create", ContainerStatus.Stopped, false, null, HealthStatus.Unknown, false, "Failed")]
    [InlineData(DependencyCondition.Start, "Start", ContainerStatus.None, false, null, HealthStatus.Unknown, false, "Waiting")]
    [InlineData(DependencyCondition.Start, "Start", ContainerStatus.Pulled, false, null, HealthStatus.Unknown, false, "Waiting")]
    [InlineData(DependencyCondition.Start, "Start", ContainerStatus.Created, false, null, HealthStatus.Unknown, false, "Waiting")]
    [InlineData(DependencyCondition.Start, "Start", ContainerStatus.Running, true, null, HealthStatus.Unknown, false, "Satisfied")]
    [InlineData(DependencyCondition.Start, "Start", ContainerStatus.Stopped, true, 2, HealthStatus.Unknown, false, "Satisfied")]
    [InlineData(DependencyCondition.Start, "Start", ContainerStatus.Stopped, false, null, HealthStatus.Unknown, false, "Failed")]
    // COMPLETE: any exit after running.
    [InlineData(DependencyCondition.Complete, "Create", ContainerStatus.None, false, null, HealthStatus.Unknown, false, "Waiting")]
    [InlineData(DependencyCondition.Complete, "Create", ContainerStatus.Created, false, null, HealthStatus.Unknown, false, "Waiting")]
    [InlineData(DependencyCondition.Complete, "Create", ContainerStatus.Running, true, null, HealthStatus.Unknown, false, "Waiting")]
    [InlineData(DependencyCondition.Complete, "Create", ContainerStatus.Stopped, true, 0, HealthStatus.Unknown, false, "Satisfied")]
    [InlineData(DependencyCondition.Complete, "Create", ContainerStatus.Stopped, true, 1, HealthStatus.Unknown, false, "Satisfied")]
    [InlineData(DependencyCondition.Complete, "Create", ContainerStatus.Stopped, true, 137, HealthStatus.Unknown, false, "Satisfied")]
    [InlineData(DependencyCondition.Complete, "Create", ContainerStatus.Stopped, false, null, HealthStatus.Unknown, false, "Failed")]
    // SUCCESS: exit 0; any other exit (or none known) is terminal.
    [InlineData(DependencyCondition.Success, "Create", ContainerStatus.None, false, null, HealthStatus.Unknown, false, "Waiting")]
    [InlineData(DependencyCondition.Success, "Create", ContainerStatus.Created, false, null, HealthStatus.Unknown, false, "Waiting")]
    [InlineData(DependencyCondition.Success, "Create", ContainerStatus.Running, true, null, HealthStatus.Unknown, false, "Waiting")]
    [InlineData(DependencyCondition.Success, "Create", ContainerStatus.Stopped, true, 0, HealthStatus.Unknown, false, "Satisfied")]
    [InlineData(DependencyCondition.Success, "Create", ContainerStatus.Stopped, true, 1, HealthStatus.Unknown, false, "Failed")]
    [InlineData(DependencyCondition.Success, "Create", ContainerStatus.Stopped, true, 137, HealthStatus.Unknown, false, "Failed")]
    [InlineData(DependencyCondition.Success, "Create", ContainerStatus.Stopped, true, null, HealthStatus.Unknown, false, "Failed")]
    [InlineData(DependencyCondition.Success, "Create", ContainerStatus.Stopped, false, null, HealthStatus.Unknown, false, "Failed")]
    // HEALTHY: a reported HEALTHY while it runs; UNHEALTHY may still recover; stopped or no health check never will.
    [InlineData(DependencyCondition.Healthy, "Create", ContainerStatus.None, false, null, HealthStatus.Unknown, true, "Waiting")]
    [InlineData(DependencyCondition.Healthy, "Create", ContainerStatus.Created, false, null, HealthStatus.Unknown, true, "Waiting")]
    [InlineData(DependencyCondition.Healthy, "Create", ContainerStatus.Running, true, null, HealthStatus.Unknown, true, "Waiting")]
    [InlineData(DependencyCondition.Healthy, "Create", ContainerStatus.Running, true, null, HealthStatus.Unhealthy, true, "Waiting")]
    [InlineData(DependencyCondition.Healthy, "Create", ContainerStatus.Running, true, null, HealthStatus.Healthy, true, "Satisfied")]
    [InlineData(DependencyCondition.Healthy, "Create", ContainerStatus.Stopped, true, 0, HealthStatus.Healthy, true, "Failed")]
    [InlineData(DependencyCondition.Healthy, "Create", ContainerStatus.Stopped, false, null, HealthStatus.Unknown, true, "Failed")]
    [InlineData(DependencyCondition.Healthy, "Create", ContainerStatus.Running, true, null, HealthStatus.Unknown, false, "Failed")]
    // COMPLETE, SUCCESS and HEALTHY are checked before the dependent is created; once created, its start is not held back.
    [InlineData(DependencyCondition.Complete, "Start", ContainerStatus.Running, true, null, HealthStatus.Unknown, false, "Satisfied")]
    [InlineData(DependencyCondition.Success, "Start", ContainerStatus.Stopped, true, 1, HealthStatus.Unknown, false, "Satisfied")]
    [InlineData(DependencyCondition.Healthy, "Start", ContainerStatus.Running, true, null, HealthStatus.Unhealthy, true, "Satisfied")]
    public void Evaluate_ConditionAndDependencyOutcome_Expected(DependencyCondition condition, string gate, ContainerStatus known,
        bool ran, int? exitCode, HealthStatus health, bool hasHealthCheck, string expected)
    {
        var spec = Specs.Container("dep", essential: false, healthCheck: hasHealthCheck);
        var state = ContainerState.Initial("dep") with
        {
            KnownStatus = known,
            StartedAt = ran ? Specs.T0 : null,
            ExitCode = exitCode,
            Health = health,
        };

        var outcome = DependencyRules.Evaluate(condition, spec, state, Enum.Parse<DependencyGate>(gate));

        Assert.True(outcome == Enum.Parse<DependencyOutcome>(expected),
            $"{condition.ToWire()} at the {gate} gate, dependency dep {known} (ran: {ran}, exit {exitCode?.ToString() ?? "none"}, health {health}): expected {expected} but got {outcome}");
    }

    [Theory]
    [InlineData(DependencyCondition.Complete, true)]
    [InlineData(DependencyCondition.Success, true)]
    [InlineData(DependencyCondition.Healthy, true)]
    [InlineData(DependencyCondition.Start, false)]
    public void Deadline_RunningDependencyWithStartTimeout_BoundsOnlyCompleteSuccessHealthy(DependencyCondition condition, bool bounded)
    {
        var spec = Specs.Container("dep", essential: false, healthCheck: true, startTimeout: TimeSpan.FromSeconds(45));
        var state = ContainerState.Initial("dep") with { KnownStatus = ContainerStatus.Running, StartedAt = Specs.T0 };

        var deadline = DependencyRules.Deadline(condition, spec, state);

        Assert.Equal(bounded ? Specs.T0.AddSeconds(45) : null, deadline);
    }

    [Theory]
    [InlineData(null, ContainerStatus.Running, true)]
    [InlineData(0, ContainerStatus.Running, true)]
    [InlineData(45, ContainerStatus.Created, false)]
    [InlineData(45, ContainerStatus.Stopped, true)]
    public void Deadline_NoTimeoutNotStartedOrStopped_None(int? timeoutSeconds, ContainerStatus known, bool started)
    {
        var spec = Specs.Container("dep", essential: false, healthCheck: true,
            startTimeout: timeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : null);
        var state = ContainerState.Initial("dep") with { KnownStatus = known, StartedAt = started ? Specs.T0 : null };

        Assert.Null(DependencyRules.Deadline(DependencyCondition.Healthy, spec, state));
    }
}
