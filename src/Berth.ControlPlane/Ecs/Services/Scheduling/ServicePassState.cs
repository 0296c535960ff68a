using Berth.Aws.Generated.Ecs;

namespace Berth.ControlPlane.Ecs.Services.Scheduling;

/// <summary>The working state of one scheduler pass: the service as changed so far, and the stops, launches, events and
/// wake-up moments decided so far. The pieces of <see cref="ServiceStep"/> add to it in turn; nothing outside a pass sees it.</summary>
internal sealed class ServicePassState(ServiceSituation situation, IIdSource ids)
{
    private readonly List<TaskStop> stops = [];
    private readonly HashSet<string> stopped = new(StringComparer.Ordinal);
    private readonly List<string> stoppedIds = [];
    private readonly List<TaskLaunch> launches = [];
    private readonly List<TargetChange> registrations = [];
    private readonly List<TargetChange> deregistrations = [];
    private readonly List<TargetChange> announcedDeregistrations = [];
    private readonly List<string> handoffs = [];
    private int drained;
    private readonly HashSet<string> drainingInstances =
        [.. situation.Instances.Where(i => i.Status == ContainerInstanceStatus.Draining).Select(i => i.Arn)];
    private DateTimeOffset? wakeAt;

    public StoredService Service { get; set; } = situation.Service;

    public ServiceSituation Situation => situation;

    public IIdSource Ids => ids;

    public DateTimeOffset Now => situation.Now;

    public string Name => Service.Service.ServiceName ?? "";

    public Deployment? Primary => Service.Service.Deployments?.FirstOrDefault(d => d.Status == ServiceRollout.Primary);

    public bool DecidedAnything => stops.Count > 0 || launches.Count > 0 || handoffs.Count > 0;

    /// <summary>The tasks still wanted RUNNING once this pass's stops are applied.</summary>
    public IEnumerable<ServiceTask> Live => situation.Tasks.Where(t => TaskHealth.IsLive(t) && !stopped.Contains(t.TaskArn));

    public bool IsHealthy(ServiceTask task) => TaskHealth.IsHealthy(task, Now, situation.Settings);

    public bool IsProtected(ServiceTask task) => task.ProtectedUntil > Now;

    public bool OnDrainingInstance(ServiceTask task) => drainingInstances.Contains(task.ContainerInstanceArn);

    /// <summary>Whether this pass has already stopped the task.</summary>
    public bool StoppedNow(ServiceTask task) => stopped.Contains(task.TaskArn);

    /// <summary>Stops the task; one behind a load balancer is drained first (its serving targets deregistered).</summary>
    public void Stop(ServiceTask task, string reason)
    {
        if (stopped.Add(task.TaskArn))
        {
            var drains = TaskHealth.IsBehindLoadBalancer(task);
            stops.Add(new(task.TaskArn, reason, drains));
            stoppedIds.Add(TaskReplacement.TaskId(task));
            if (drains)
            {
                drained++;
                foreach (var target in task.Targets!.Where(t => t.IsServing))
                {
                    Deregister(new(target.TargetGroupArn, target.Health!.Target));
                }
            }
        }
    }

    public void Register(TargetChange target) => registrations.Add(target);

    /// <param name="announce">Whether the service's events say so; not for a deregistration made again after it was lost.</param>
    public void Deregister(TargetChange target, bool announce = true)
    {
        deregistrations.Add(target);
        if (announce)
        {
            announcedDeregistrations.Add(target);
        }
    }

    /// <summary>Hands a drained task's stop to its agent.</summary>
    public void Handoff(ServiceTask task) => handoffs.Add(task.TaskArn);

    public void Launch(string deploymentId, int count, string? containerInstanceArn = null)
    {
        if (count > 0)
        {
            launches.Add(new(deploymentId, count, containerInstanceArn));
        }
    }

    public void Event(string message) => Service = ServiceEvents.Add(Service, message, Now, ids);

    /// <summary>Look again at <paramref name="moment"/> if nothing else changes first; moments not in the future are ignored.</summary>
    public void WakeAt(DateTimeOffset? moment)
    {
        if (moment > Now && (wakeAt is null || moment < wakeAt))
        {
            wakeAt = moment;
        }
    }

    /// <summary>Records this pass's stops as one "has stopped" event, then its target changes per group and the drains begun,
    /// in the order ECS reports them.</summary>
    public void RecordStops()
    {
        if (stoppedIds.Count > 0)
        {
            Event(ServiceEventText.Stopped(Name, stoppedIds));
        }

        foreach (var group in registrations.GroupBy(r => r.TargetGroupArn, StringComparer.Ordinal))
        {
            Event(ServiceEventText.RegisteredTargets(Name, group.Count(), group.Key));
        }

        foreach (var group in announcedDeregistrations.GroupBy(r => r.TargetGroupArn, StringComparer.Ordinal))
        {
            Event(ServiceEventText.DeregisteredTargets(Name, group.Count(), group.Key));
        }

        if (drained > 0)
        {
            Event(ServiceEventText.BegunDraining(Name, drained));
        }
    }

    /// <summary>Replaces the deployment with the same id (the list is left as it is when nothing differs).</summary>
    public void Replace(Deployment deployment)
    {
        var deployments = Service.Service.Deployments ?? [];
        if (!deployments.Contains(deployment))
        {
            Service = Service with
            {
                Service = Service.Service with { Deployments = [.. deployments.Select(d => d.Id == deployment.Id ? deployment : d)] },
            };
        }
    }

    /// <summary>The decision: the input service itself when nothing about it changed.</summary>
    public ServiceDecision Decision()
    {
        var service = Service.Equals(situation.Service) ? situation.Service : Service;
        return new(service, stops, launches, wakeAt) { Registrations = registrations, Deregistrations = deregistrations, Handoffs = handoffs };
    }
}
