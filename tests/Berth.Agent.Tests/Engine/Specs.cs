using Berth.Agent.Engine;
namespace Berth.Agent.Tests.Engine;

/// <summary>Short builders for task specs, so each test shows only what matters to it.</summary>
internal static class Specs
{
    public const string Arn = "arn:aws:ecs:us-east-1:123456789012:task/default/0123456789abcdef0123456789abcdef";

    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static TaskSpec Task(params ContainerSpec[] containers) => new() { Arn = Arn, Containers = [.. containers] };

    public static ContainerSpec Container(string name, bool essential = true, bool healthCheck = false,
        TimeSpan? startTimeout = null, TimeSpan? stopTimeout = null, ContainerDependency[]? dependsOn = null) => new()
        {
            Name = name,
            Essential = essential,
            HasHealthCheck = healthCheck,
            StartTimeout = startTimeout,
            StopTimeout = stopTimeout,
            DependsOn = [.. dependsOn ?? []],
        };

    public static ContainerDependency On(string container, DependencyCondition condition) => new(container, condition);
}
