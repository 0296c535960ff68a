using System.Collections.Immutable;

namespace Berth.Agent.Engine;

/// <summary>What the engine needs to know about a task to drive it; immutable, the same for the task's whole life.</summary>
public sealed record TaskSpec
{
    /// <summary>The task's ARN, for messages and logs.</summary>
    public required string Arn { get; init; }

    /// <summary>The containers in task-definition order; the engine issues actions in this order, so it is deterministic.</summary>
    public required ImmutableArray<ContainerSpec> Containers { get; init; }

    /// <summary>Hook: a RUNNING task that stops passes DEACTIVATING (e.g. load balancer deregistration) before its containers are signalled.</summary>
    public bool HasDeactivationWork { get; init; }

    /// <summary>Hook: once every container stopped the task passes DEPROVISIONING (e.g. network teardown) before it is STOPPED.</summary>
    public bool HasDeprovisioningWork { get; init; }

    /// <summary>The container named <paramref name="name"/>; an unknown name is a caller bug.</summary>
    public ContainerSpec Container(string name) => Containers[IndexOf(name)];

    /// <summary>Position of the container named <paramref name="name"/>; throws ArgumentException for an unknown name.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Containers.Length; i++)
        {
            if (string.Equals(Containers[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }
        throw new ArgumentException($"Task {Arn} has no container named '{name}'.", nameof(name));
    }

    /// <summary>Problems that would make the engine misbehave (unknown or cyclic dependencies, conditions ECS rejects); empty when the spec is usable.</summary>
    public ImmutableArray<string> Validate() => TaskSpecValidator.Validate(this);
}
