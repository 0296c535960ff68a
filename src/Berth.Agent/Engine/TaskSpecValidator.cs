using System.Collections.Immutable;

namespace Berth.Agent.Engine;

/// <summary>Checks the invariants the engine relies on (the control plane validates task definitions too; this guards the engine, not the user).</summary>
internal static class TaskSpecValidator
{
    /// <summary>Every problem found, in a stable order; empty when the spec is usable.</summary>
    public static ImmutableArray<string> Validate(TaskSpec spec)
    {
        var problems = ImmutableArray.CreateBuilder<string>();
        if (string.IsNullOrEmpty(spec.Arn))
        {
            problems.Add("The task has no ARN.");
        }
        if (spec.Containers.IsDefaultOrEmpty)
        {
            problems.Add("The task has no containers.");
            return problems.ToImmutable();
        }

        var byName = new Dictionary<string, ContainerSpec>(StringComparer.Ordinal);
        foreach (var container in spec.Containers)
        {
            if (string.IsNullOrEmpty(container.Name))
            {
                problems.Add("A container has no name.");
            }
            else if (!byName.TryAdd(container.Name, container))
            {
                problems.Add($"Container name '{container.Name}' is used twice.");
            }
            if (container.StartTimeout is { } start && start < TimeSpan.Zero)
            {
                problems.Add($"Container '{container.Name}' has a negative start timeout.");
            }
            if (container.StopTimeout is { } stop && stop < TimeSpan.Zero)
            {
                problems.Add($"Container '{container.Name}' has a negative stop timeout.");
            }
        }
        if (!spec.Containers.Any(c => c.Essential))
        {
            problems.Add("The task has no essential container.");
        }

        foreach (var container in spec.Containers)
        {
            foreach (var dependency in container.DependsOn.IsDefault ? [] : container.DependsOn)
            {
                CheckDependency(container, dependency, byName, problems);
            }
        }
        if (problems.Count == 0 && FindCycle(spec) is { } cycle)
        {
            problems.Add($"Containers depend on each other in a cycle: {cycle}.");
        }
        return problems.ToImmutable();
    }

    private static void CheckDependency(ContainerSpec container, ContainerDependency dependency,
        Dictionary<string, ContainerSpec> byName, ImmutableArray<string>.Builder problems)
    {
        var condition = dependency.Condition.ToWire();
        if (string.Equals(dependency.ContainerName, container.Name, StringComparison.Ordinal))
        {
            problems.Add($"Container '{container.Name}' depends on itself.");
        }
        else if (!byName.TryGetValue(dependency.ContainerName, out var target))
        {
            problems.Add($"Container '{container.Name}' depends on unknown container '{dependency.ContainerName}'.");
        }
        else if (dependency.Condition is DependencyCondition.Complete or DependencyCondition.Success && target.Essential)
        {
            problems.Add($"Container '{container.Name}' depends on essential container '{target.Name}' with condition {condition}; only non-essential containers can be waited for to exit.");
        }
        else if (dependency.Condition == DependencyCondition.Healthy && !target.HasHealthCheck)
        {
            problems.Add($"Container '{container.Name}' depends on '{target.Name}' being HEALTHY, but '{target.Name}' has no health check.");
        }
    }

    /// <summary>A dependency cycle as "a -> b -> a", or null; cycles would deadlock both startup and the reverse-order stop.</summary>
    private static string? FindCycle(TaskSpec spec)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = on the current path, 2 = finished
        var path = new List<string>();
        foreach (var container in spec.Containers)
        {
            if (Visit(container.Name) is { } cycle)
            {
                return cycle;
            }
        }
        return null;

        string? Visit(string name)
        {
            if (state.TryGetValue(name, out var mark))
            {
                return mark == 1 ? string.Join(" -> ", path.SkipWhile(n => n != name).Append(name)) : null;
            }
            state[name] = 1;
            path.Add(name);
            foreach (var dependency in spec.Container(name).DependsOn)
            {
                if (Visit(dependency.ContainerName) is { } cycle)
                {
                    return cycle;
                }
            }
            path.RemoveAt(path.Count - 1);
            state[name] = 2;
            return null;
        }
    }
}
