using Berth.Aws.Generated.Ecs;

namespace Berth.ControlPlane.Ecs.ContainerInstances;

/// <summary>What is left on an instance once its tasks' reservations are taken from what it registered: CPU and MEMORY
/// go down, PORTS/PORTS_UDP grow, because ECS lists the ports in use (reserved by the host or bound by tasks), and GPU
/// shrinks, because it lists the GPU ids still free.</summary>
public static class RemainingResources
{
    /// <param name="registered">The instance's registered resources, as <see cref="InstanceResources.Validate"/> made them.</param>
    /// <param name="reservations">What the instance's running and pending tasks reserve, one list per task; empty until
    /// tasks are placed.</param>
    public static List<Resource> Of(IReadOnlyList<Resource> registered, IEnumerable<IReadOnlyList<Resource>> reservations)
    {
        var taken = reservations.SelectMany(r => r).ToList();
        return registered.Select(resource => resource.Type == InstanceResources.StringSet
                ? InstanceResources.StringSetOf(resource.Name!, InstanceResources.ListsFree(resource) ? Except(resource, taken) : Union(resource, taken))
                : InstanceResources.IntegerOf(resource.Name!, (resource.IntegerValue ?? 0) - Sum(resource.Name!, taken)))
            .ToList();
    }

    /// <summary>The exact inverse of <see cref="Of"/> for one task: its CPU and MEMORY come back, its ports are free again,
    /// its GPUs are listed as free again.</summary>
    /// <param name="remaining">The instance's remaining resources, which include <paramref name="reservation"/>.</param>
    public static List<Resource> Return(IReadOnlyList<Resource> remaining, IReadOnlyList<Resource> reservation) =>
        remaining.Select(resource => resource.Type == InstanceResources.StringSet
                ? InstanceResources.StringSetOf(
                    resource.Name!,
                    InstanceResources.ListsFree(resource) ? Union(resource, reservation) : Except(resource, reservation))
                : InstanceResources.IntegerOf(resource.Name!, (resource.IntegerValue ?? 0) + Sum(resource.Name!, reservation)))
            .ToList();

    /// <summary>What the instance's tasks hold now, as one reservation: the difference between what it registered and what
    /// remains. A re-registration keeps it, so running tasks stay accounted for.</summary>
    public static IReadOnlyList<Resource> Held(IReadOnlyList<Resource>? registered, IReadOnlyList<Resource>? remaining) =>
        (remaining ?? []).Select(left =>
            {
                var had = (registered ?? []).FirstOrDefault(r => r.Name == left.Name);
                return left.Type == InstanceResources.StringSet
                    ? InstanceResources.StringSetOf(
                        left.Name!,
                        InstanceResources.ListsFree(left)
                            ? had is null ? [] : Except(had, [left])
                            : Except(left, had is null ? [] : [had]))
                    : InstanceResources.IntegerOf(left.Name!, (had?.IntegerValue ?? 0) - (left.IntegerValue ?? 0));
            })
            .ToList();

    private static int Sum(string name, IEnumerable<Resource> taken) => taken.Where(t => t.Name == name).Sum(t => t.IntegerValue ?? 0);

    private static List<string> Union(Resource set, IEnumerable<Resource> others) =>
        (set.StringSetValue ?? []).Concat(Members(set.Name, others)).Distinct(StringComparer.Ordinal).ToList();

    private static List<string> Except(Resource set, IEnumerable<Resource> others) =>
        (set.StringSetValue ?? []).Except(Members(set.Name, others), StringComparer.Ordinal).ToList();

    /// <summary>The values of the sets among <paramref name="others"/> that share the name.</summary>
    private static IEnumerable<string> Members(string? name, IEnumerable<Resource> others) =>
        others.Where(o => o.Name == name).SelectMany(o => o.StringSetValue ?? []);
}
