using Berth.ControlPlane.Ecs.Tasks;

namespace Berth.ControlPlane.Ecs.Services.Scheduling;

/// <summary>Which task to stop first (ecs-semantics §4.6): a task of an older deployment before one of the PRIMARY, a pending
/// one before a running one, then one in the availability zone holding most of the service's tasks, then one on the
/// instance holding most; the task ARN breaks ties so a pass is deterministic. Counts are taken afresh after each pick, so
/// stopping several keeps the zones balanced.</summary>
public static class ScaleInOrder
{
    /// <param name="candidates">The tasks that may be stopped.</param>
    /// <param name="live">All the service's live tasks, the population zones and instances are weighed by.</param>
    /// <param name="primaryId">The PRIMARY deployment's id.</param>
    public static IEnumerable<ServiceTask> Order(IEnumerable<ServiceTask> candidates, IEnumerable<ServiceTask> live, string? primaryId)
    {
        var left = candidates.ToList();
        var population = live.ToList();
        while (left.Count > 0)
        {
            var byZone = population.CountBy(t => t.AvailabilityZone ?? "").ToDictionary();
            var byInstance = population.CountBy(t => t.ContainerInstanceArn).ToDictionary();
            var next = left
                .OrderBy(t => t.DeploymentId == primaryId)
                .ThenBy(t => t.LastStatus == TaskLifecycle.Running)
                .ThenByDescending(t => byZone.GetValueOrDefault(t.AvailabilityZone ?? ""))
                .ThenByDescending(t => byInstance.GetValueOrDefault(t.ContainerInstanceArn))
                .ThenBy(t => t.TaskArn, StringComparer.Ordinal)
                .First();
            yield return next;
            left.Remove(next);
            population.Remove(next);
        }
    }
}
