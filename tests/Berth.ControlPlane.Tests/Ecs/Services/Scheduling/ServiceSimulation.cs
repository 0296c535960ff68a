using System.Globalization;
using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Services;
using Berth.ControlPlane.Ecs.Services.Scheduling;
using Berth.ControlPlane.Elb;

namespace Berth.ControlPlane.Tests.Ecs.Services.Scheduling;

/// <summary>A tiny cluster for scenario tests: runs <see cref="ServiceStep.Decide"/>, applies its decision as the controller
/// would (stops, drains, launches spread over the ACTIVE instances, target changes, the service stored), and plays the agent (tasks start, stop,
/// fail to start) on a clock the test moves.</summary>
internal sealed class ServiceSimulation
{
    public static readonly DateTimeOffset Start = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    public const string Cluster = "arn:aws:ecs:us-east-1:123456789012:cluster/prod";

    private readonly SequentialIdSource ids = new();
    private readonly Dictionary<string, string> definitions = [];
    private int taskNumber;

    public ServiceSimulation(int desired, int? minimumHealthyPercent = null, int? maximumPercent = null, int instances = 2,
        string schedulingStrategy = "REPLICA", DeploymentCircuitBreaker? breaker = null)
    {
        Instances = [.. Enumerable.Range(1, instances).Select(Instance)];
        var service = new StoredService
        {
            Service = new Service
            {
                ServiceName = "web",
                ClusterArn = Cluster,
                Status = ServiceStatus.Active,
                DesiredCount = desired,
                SchedulingStrategy = schedulingStrategy,
                DeploymentConfiguration = new DeploymentConfiguration
                {
                    MinimumHealthyPercent = minimumHealthyPercent,
                    MaximumPercent = maximumPercent,
                    DeploymentCircuitBreaker = breaker,
                },
                Deployments = [],
            },
        };
        Service = ServiceRollout.StartDeployment(service, new Deployment { TaskDefinition = "web:1" }, DeploymentIds.New(ids), Now);
    }

    public DateTimeOffset Now { get; private set; } = Start;

    public StoredService Service { get; set; }

    public List<ServiceTask> Tasks { get; } = [];

    public List<ServiceInstance> Instances { get; }

    /// <summary>Task definitions whose tasks stop before reaching RUNNING.</summary>
    public HashSet<string> Broken { get; } = [];

    public SchedulerSettings Settings { get; set; } = SchedulerSettings.Default;

    /// <summary>Whether the services-stable waiter would succeed: one deployment and runningCount == desiredCount.</summary>
    public bool Stable => Service.Service.Deployments!.Count == 1 && Service.Service.RunningCount == Service.Service.DesiredCount;

    public Deployment Primary => Service.Service.Deployments!.Single(d => d.Status == ServiceRollout.Primary);

    public IEnumerable<ServiceTask> Live => Tasks.Where(TaskHealth.IsLive);

    public IReadOnlyList<string> Messages => [.. Service.Service.Events!.Select(e => e.Message!)];

    public ServiceSituation Situation => new(Service, [.. Tasks.Select(WithTargets)], Instances, Now, Settings);

    /// <summary>The target group every task joins (none unless set), and its targets' states as ELBv2 would hold them.</summary>
    public string? TargetGroup { get; set; }

    public Dictionary<TargetRef, TargetHealthView> Targets { get; } = [];

    /// <summary>A started task's target: its instance and a host port of its own.</summary>
    public static TargetRef TargetOf(ServiceTask task) =>
        new($"i-{task.ContainerInstanceArn[^1]}", 30000 + int.Parse(task.TaskArn[^3..], CultureInfo.InvariantCulture));

    public void SetTarget(ServiceTask task, string state, string? description = null) =>
        Targets[TargetOf(task)] = new TargetHealthView(TargetOf(task), state, null, description);

    /// <summary>The load balancer's health checks pass for every target still checking.</summary>
    public void TargetsPass()
    {
        foreach (var (target, health) in Targets.Where(t => t.Value.State == "initial").ToList())
        {
            Targets[target] = health with { State = "healthy" };
        }
    }

    /// <summary>The deregistration delay is over: draining targets leave the group.</summary>
    public void TargetsDrained()
    {
        foreach (var target in Targets.Where(t => t.Value.State == "draining").Select(t => t.Key).ToList())
        {
            Targets.Remove(target);
        }
    }

    public static ServiceInstance Instance(int n) => new(InstanceArn(n), "ACTIVE", true, n % 2 == 1 ? "us-east-1a" : "us-east-1b");

    public static string InstanceArn(int n) => $"arn:aws:ecs:us-east-1:123456789012:container-instance/prod/i{n}";

    public void Update(string taskDefinition) =>
        Service = ServiceRollout.StartDeployment(Service, Primary with { TaskDefinition = taskDefinition }, DeploymentIds.New(ids), Now);

    /// <summary>One scheduler pass, applied.</summary>
    public ServiceDecision Pass()
    {
        var decision = ServiceStep.Decide(Situation, ids);
        Service = decision.Service;
        foreach (var stop in decision.Stops)
        {
            var index = Tasks.FindIndex(t => t.TaskArn == stop.TaskArn);
            Tasks[index] = Tasks[index] with { DesiredStatus = "STOPPED", StoppedReason = stop.Reason, StopCode = TaskStopCode.ServiceSchedulerInitiated };
            if (stop.Drains)
            {
                Tasks[index] = Tasks[index] with { LastStatus = "DEACTIVATING", Draining = true };
            }
        }

        foreach (var arn in decision.Handoffs)
        {
            var index = Tasks.FindIndex(t => t.TaskArn == arn);
            Tasks[index] = Tasks[index] with { Draining = false };
        }

        foreach (var change in decision.Deregistrations.Where(c => Targets.ContainsKey(c.Target)))
        {
            Targets[change.Target] = Targets[change.Target] with { State = "draining" };
        }

        foreach (var change in decision.Registrations)
        {
            Targets[change.Target] = new TargetHealthView(change.Target, "initial", null, null);
        }

        foreach (var launch in decision.Launches)
        {
            for (var i = 0; i < launch.Count; i++)
            {
                Place(launch.DeploymentId, launch.ContainerInstanceArn);
            }
        }

        return decision;
    }

    public ServiceTask Place(string deploymentId, string? instanceArn = null)
    {
        var instance = instanceArn is null
            ? Instances.Where(i => i.Status == "ACTIVE").MinBy(i => Live.Count(t => t.ContainerInstanceArn == i.Arn))!
            : Instances.Single(i => i.Arn == instanceArn);
        var task = new ServiceTask($"arn:aws:ecs:us-east-1:123456789012:task/prod/t{++taskNumber:D3}", deploymentId, "PENDING", "RUNNING",
            Now, null, null, null, null, "UNKNOWN", false, instance.Arn, instance.AvailabilityZone, null);
        Tasks.Add(task);
        definitions[task.TaskArn] = Service.Service.Deployments!.Single(d => d.Id == deploymentId).TaskDefinition!;
        return task;
    }

    /// <summary>The agent's turn: tasks wanted STOPPED stop (not while they drain, the agent is not told yet); pending tasks start, or stop unstarted if their definition is broken.</summary>
    public void Agent()
    {
        for (var i = 0; i < Tasks.Count; i++)
        {
            var task = Tasks[i];
            if (task.LastStatus == "STOPPED" || task.Draining)
            {
                continue;
            }

            if (task.DesiredStatus == "STOPPED")
            {
                Tasks[i] = task with { LastStatus = "STOPPED", StoppedAt = Now };
            }
            else if (task.LastStatus == "PENDING")
            {
                Tasks[i] = Broken.Contains(DefinitionOf(task))
                    ? task with { LastStatus = "STOPPED", DesiredStatus = "STOPPED", StoppedAt = Now, StoppedReason = "CannotPullContainerError" }
                    : task with { LastStatus = "RUNNING", StartedAt = Now };
            }
        }
    }

    public void Advance(TimeSpan by) => Now += by;

    /// <summary>Scheduler pass, agent, 41 seconds; over and over, noting after each pass whether the service looked stable.</summary>
    public List<bool> Run(int rounds)
    {
        var stable = new List<bool>();
        for (var i = 0; i < rounds; i++)
        {
            Pass();
            stable.Add(Stable);
            Agent();
            Advance(TimeSpan.FromSeconds(41));
        }

        return stable;
    }

    private ServiceTask WithTargets(ServiceTask task)
    {
        if (TargetGroup is null)
        {
            return task;
        }

        TargetRef? target = task.StartedAt is null ? null : TargetOf(task);
        return task with { Targets = [new TaskTarget(TargetGroup, "instance", target, target is null ? null : Targets.GetValueOrDefault(target))] };
    }

    /// <summary>The task definition the task was launched with.</summary>
    public string DefinitionOf(ServiceTask task) => definitions[task.TaskArn];

    /// <summary>The task definitions of the live tasks, sorted.</summary>
    public IReadOnlyList<string> LiveDefinitions => [.. Live.Select(DefinitionOf).Order()];
}
