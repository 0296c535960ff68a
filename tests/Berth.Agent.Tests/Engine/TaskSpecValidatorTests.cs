using Berth.Agent.Engine;
using static Berth.Agent.Tests.Engine.Specs;

namespace Berth.Agent.Tests.Engine;

/// <summary>Specs the engine cannot drive are refused up front instead of deadlocking later.</summary>
public sealed class TaskSpecValidatorTests
{
    public static TheoryData<string, TaskSpec, string> Invalid => new()
    {
        { "no containers", Task(), "no containers" },
        { "duplicate name", Task(Container("a"), Container("a")), "'a' is used twice" },
        { "no essential", Task(Container("a", essential: false)), "no essential container" },
        { "unknown dependency", Task(Container("a", dependsOn: [On("ghost", DependencyCondition.Start)])), "unknown container 'ghost'" },
        { "self dependency", Task(Container("a", dependsOn: [On("a", DependencyCondition.Start)])), "depends on itself" },
        { "COMPLETE on essential", Task(Container("a"), Container("b", dependsOn: [On("a", DependencyCondition.Complete)])), "condition COMPLETE" },
        { "SUCCESS on essential", Task(Container("a"), Container("b", dependsOn: [On("a", DependencyCondition.Success)])), "condition SUCCESS" },
        { "HEALTHY without check", Task(Container("a"), Container("b", dependsOn: [On("a", DependencyCondition.Healthy)])), "has no health check" },
        { "negative stop timeout", Task(Container("a", stopTimeout: TimeSpan.FromSeconds(-1))), "negative stop timeout" },
        {
            "cycle",
            Task(Container("a", dependsOn: [On("c", DependencyCondition.Start)]), Container("b", dependsOn: [On("a", DependencyCondition.Start)]),
                Container("c", dependsOn: [On("b", DependencyCondition.Start)])),
            "cycle: a -> c -> b -> a"
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_InvalidSpec_NamesTheProblem(string scenario, TaskSpec spec, string expected)
    {
        var problems = spec.Validate();

        Assert.True(problems.Any(p => p.Contains(expected, StringComparison.Ordinal)),
            $"{scenario}: expected a problem containing '{expected}' but got [{string.Join(" | ", problems)}]");
        Assert.Throws<ArgumentException>(() => TaskState.Create(spec));
    }

    [Fact]
    public void Validate_DiamondWithNonEssentialInitAndHealthCheck_NoProblems()
    {
        var spec = Task(
            Container("init", essential: false),
            Container("db", healthCheck: true, startTimeout: TimeSpan.FromSeconds(60)),
            Container("left", dependsOn: [On("init", DependencyCondition.Success), On("db", DependencyCondition.Healthy)]),
            Container("right", dependsOn: [On("init", DependencyCondition.Complete)]),
            Container("top", dependsOn: [On("left", DependencyCondition.Start), On("right", DependencyCondition.Start)]));

        Assert.Empty(spec.Validate());
    }
}
