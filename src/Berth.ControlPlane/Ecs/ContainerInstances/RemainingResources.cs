using Berth.Aws.Generated.Ecs;

namespace Berth.ControlPlane.Ecs.ContainerInstances;

/// <summary>What is left on an instance once its tasks' reservations are taken from what it registered: CPU and MEMORY
/// go down, and PORTS/PORTS_UDP grow, because ECS lists the ports in use (reserved by the host or bound by tasks).</summary>
public static class RemainingResources
{
    /// <param name="registered">The instance's registered resources, as <see cref="InstanceResources.Validate"/> made them.</param>
    /// <param name="reservations">What the instance's running and pending tasks reserve, one list per task; empty until
    /// tasks are placed.</param>
    public static List<Resource> Of(IReadOnlyList<Resource> registered, IEnumerable<IReadOnlyList<Resource>> reservations)
    {
        var taken = reservations.SelectMany(r => r).ToList();
        return registered.Select(resource => resource.Type == InstanceResources.StringSet
                ? InstanceResources.StringSetOf(resource.Name!, Union(resource, taken))
                : InstanceResources.IntegerOf(resource.Name!, (resource.IntegerValue ?? 0) - Sum(resource.Name!, taken)))
            .ToList();
    }

    /// <summary>The exact inverse of <see cref="Of"/> for one task: its CPU and MEMORY come back, its ports are free again.</summary>
    /// <param name="remaining">The instance's remaining resources, which include <paramref name="reservation"/>.</param>
    public static List<Resource> Return(IReadOnlyList<Resource> remaining, IReadOnlyList<Resource> reservation) =>
        remaining.Select(resource => resource.Type == InstanceResources.StringSet
                ? InstanceResources.StringSetOf(
                    resource.Name!,
                    (resource.StringSetValue ?? []).Except(reservation.Where(t => t.Name == resource.Name).SelectMany(t => t.StringSetValue ?? []), StringComparer.Ordinal)
                        .ToList())
                : InstanceResources.IntegerOf(resource.Name!, (resource.IntegerValue ?? 0) + Sum(resource.Name!, reservation)))
            .ToList();

    /// <summary>What the instance's tasks hold now, as one reservation: the difference between what it registered and what
    /// remains. A re-registration keeps it, so running tasks stay accounted for.</summary>
    public static IReadOnlyList<Resource> Held(IReadOnlyList<Resource>? registered, IReadOnlyList<Resource>? remaining) =>
        (remaining ?? []).Select(left =>
            {
                var had = (registered ?? []).FirstOrDefault(r => r.Name == left.Name);
                return left.Type == InstanceResources.StringSet
                    ? InstanceResources.StringSetOf(left.Name!, (left.StringSetValue ?? []).Except(had?.StringSetValue ?? [], StringComparer.Ordinal).ToList())
                    : InstanceResources.IntegerOf(left.Name!, (had?.IntegerValue ?? 0) - (left.IntegerValue ?? 0));
            })
            .ToList();

    private static int Sum(string name, IEnumerable<Resource> taken) => taken.Where(t => t.Name == name).Sum(t => t.IntegerValue ?? 0);

    private static List<string> Union(Resource registered, List<Resource> taken) =>
        (registered.StringSetValue ?? []).Concat(taken.Where(t => t.Name == registered.Name).SelectMany(t => t.StringSetValue ?? []))
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
