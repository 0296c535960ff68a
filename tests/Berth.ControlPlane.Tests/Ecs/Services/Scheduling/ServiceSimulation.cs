using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Services;
using Berth.ControlPlane.Ecs.Services.Scheduling;

namespace Berth.ControlPlane.Tests.Ecs.Services.Scheduling;

/// <summary>A tiny cluster for scenario tests: runs <see cref="ServiceStep.Decide"/>, applies its decision as the controller
/// would (stops, launches spread over the ACTIVE instances, the service stored), and plays the agent (tasks start, stop,
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

    public ServiceSituation Situation => new(Service, Tasks, Instances, Now, Settings);

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

    /// <summary>The agent's turn: tasks wanted STOPPED stop; pending tasks start, or stop unstarted if their definition is broken.</summary>
    public void Agent()
    {
        for (var i = 0; i < Tasks.Count; i++)
        {
            var task = Tasks[i];
            if (task.LastStatus == "STOPPED")
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

    /// <summary>The task definition the task was launched with.</summary>
    public string DefinitionOf(ServiceTask task) => definitions[task.TaskArn];

    /// <summary>The task definitions of the live tasks, sorted.</summary>
    public IReadOnlyList<string> LiveDefinitions => [.. Live.Select(DefinitionOf).Order()];
}
