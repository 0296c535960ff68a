using System.Collections.Immutable;
using Berth.Agent.Engine;

namespace Berth.Agent.Tasks;

/// <summary>Everything a <see cref="TaskActor"/> needs to run one task: its identity, the engine's spec and, per
/// container, how to pull and create it. Built from the control plane's task (that translation comes later).</summary>
public sealed record TaskLaunch
{
    /// <summary>The task's ARN; also the <c>com.amazonaws.ecs.task-arn</c> label of its containers.</summary>
    public required string TaskArn { get; init; }

    /// <summary>The cluster's name or ARN, when known (<c>com.amazonaws.ecs.cluster</c> label, reports).</summary>
    public string? Cluster { get; init; }

    /// <summary>Task definition family (labels and container names).</summary>
    public required string Family { get; init; }

    /// <summary>Task definition revision (labels and container names).</summary>
    public required int Revision { get; init; }

    /// <summary>What the engine drives; its container names are the keys of <see cref="Containers"/>.</summary>
    public required TaskSpec Spec { get; init; }

    /// <summary>Per engine container name, how Docker creates it.</summary>
    public required ImmutableDictionary<string, ContainerLaunch> Containers { get; init; }

    /// <summary>The Docker volumes of this task alone (task-scoped), removed with its containers as ECS does; shared
    /// volumes are not listed and outlive the task.</summary>
    public ImmutableArray<string> Volumes { get; init; } = [];

    /// <summary>Problems that make the launch unusable (a container without its Docker side); empty when usable.</summary>
    public ImmutableArray<string> Validate()
    {
        var problems = Spec.Validate().ToBuilder();
        foreach (var container in Spec.Containers)
        {
            if (!Containers.ContainsKey(container.Name))
            {
                problems.Add($"Container {container.Name} has no Docker spec.");
            }
        }
        if (!string.Equals(Spec.Arn, TaskArn, StringComparison.Ordinal))
        {
            problems.Add($"The engine spec is for {Spec.Arn}, not {TaskArn}.");
        }
        return problems.ToImmutable();
    }
}
