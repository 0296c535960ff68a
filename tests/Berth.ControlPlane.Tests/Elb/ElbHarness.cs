using Berth.Aws.Auth;
using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Elbv2;
using Berth.Aws.Model;
using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Elb;
using Berth.ControlPlane.Elb.Listeners;
using Berth.ControlPlane.Elb.LoadBalancers;
using Berth.ControlPlane.Elb.Proxy;
using Berth.ControlPlane.Elb.Rules;
using Berth.ControlPlane.Elb.Tagging;
using Berth.ControlPlane.Elb.TargetGroups;
using Berth.ControlPlane.Elb.Targets;
using Berth.Domain;
using Berth.LoadBalancing;
using Berth.State;
using Berth.State.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Action = Berth.Aws.Generated.Elbv2.Action;

namespace Berth.ControlPlane.Tests.Elb;

/// <summary>The ELBv2 handlers wired as AddElb wires them, over a temporary store, with a hand-set clock, predictable ids,
/// ports that are free unless a test says otherwise and health observations a test sets.</summary>
public sealed class ElbHarness : IAsyncDisposable
{
    public const string Account = "123456789012";
    public const string Region = "us-east-1";

    public static readonly DateTimeOffset Start = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    public static readonly ResourceScope Scope = new(Account, Region);

    private ElbHarness(IStore store)
    {
        Store = new ElbStore(store);
        Ecs = new EcsStore(store);
        Resources = new ElbResources(Store);
        var ids = new ElbIds(new SequentialIdSource());
        var actions = new ActionReader(Resources);
        Live = new LiveTargets(Store, Time);
        Registrations = new TargetRegistrations(Store, Live, Health, Time);
        LoadBalancers = new LoadBalancerHandlers(Resources, ids, Time);
        TargetGroups = new TargetGroupHandlers(Resources, ids);
        Listeners = new ListenerHandlers(Resources, actions, new ListenerPorts(Store, Ports), ids);
        Rules = new RuleHandlers(Resources, actions, ids);
        Targets = new TargetHandlers(Resources, Registrations, new InstanceTargets(Ecs));
        Tags = new ElbTagHandlers(Resources);
        Proxy = new ElbProxyConfigurationSource(Store, Live, new TargetAddresses());
        Registry = new ElbTargetRegistry(Resources, Registrations);
        Sweeper = new TargetDrainSweeper(Store, Time, NullLogger<TargetDrainSweeper>.Instance);
    }

    public ManualTimeProvider Time { get; } = new(Start);

    public BusyPorts Ports { get; } = new();

    public SetHealth Health { get; } = new();

    public ElbStore Store { get; }

    public EcsStore Ecs { get; }

    public ElbResources Resources { get; }

    public LiveTargets Live { get; }

    public TargetRegistrations Registrations { get; }

    public LoadBalancerHandlers LoadBalancers { get; }

    public TargetGroupHandlers TargetGroups { get; }

    public ListenerHandlers Listeners { get; }

    public RuleHandlers Rules { get; }

    public TargetHandlers Targets { get; }

    public ElbTagHandlers Tags { get; }

    public ElbProxyConfigurationSource Proxy { get; }

    public ElbTargetRegistry Registry { get; }

    public TargetDrainSweeper Sweeper { get; }

    public static CancellationToken None => CancellationToken.None;

    public static async Task<ElbHarness> OpenAsync() => new(await SqliteStore.OpenTemporaryAsync());

    public RequestContext Caller() => new()
    {
        Principal = new AuthenticatedPrincipal(
            new Credential("AKIDTEST", "secret", Account, $"arn:aws:iam::{Account}:user/alice"), Region, "elasticloadbalancing", Time.GetUtcNow()),
        Operation = new Operation("Test", null, null, [], "POST", "/"),
        RequestId = Guid.NewGuid().ToString(),
    };

    public async Task<LoadBalancer> CreateLoadBalancerAsync(string name = "web") =>
        (await LoadBalancers.CreateLoadBalancer(Caller(), new CreateLoadBalancerInput { Name = name }, None)).LoadBalancers![0];

    public async Task<TargetGroup> CreateTargetGroupAsync(string name = "blue", string targetType = "ip", int port = 8080) =>
        (await TargetGroups.CreateTargetGroup(
            Caller(), new CreateTargetGroupInput { Name = name, Protocol = "HTTP", Port = port, TargetType = targetType }, None)).TargetGroups![0];

    public async Task<Listener> CreateListenerAsync(string loadBalancerArn, int port, Action action) =>
        (await Listeners.CreateListener(
            Caller(), new CreateListenerInput { LoadBalancerArn = loadBalancerArn, Protocol = "HTTP", Port = port, DefaultActions = [action] }, None)).Listeners![0];

    public async Task<Rule> CreateRuleAsync(string listenerArn, int priority, string path, Action action) =>
        (await Rules.CreateRule(
            Caller(),
            new CreateRuleInput { ListenerArn = listenerArn, Priority = priority, Conditions = [PathIs(path)], Actions = [action] },
            None)).Rules![0];

    public static Action Forward(string targetGroupArn) => new() { Type = "forward", TargetGroupArn = targetGroupArn };

    public static Action Fixed(string status) => new() { Type = "fixed-response", FixedResponseConfig = new FixedResponseActionConfig { StatusCode = status } };

    public static RuleCondition PathIs(params string[] paths) => new() { Field = "path-pattern", Values = [.. paths] };

    /// <summary>A container instance of cluster default with this EC2 id, as RegisterContainerInstance stores one.</summary>
    public async Task AddContainerInstanceAsync(string ec2InstanceId, string status = "ACTIVE") =>
        await Store.Store.ApplyAsync(
            [Ecs.ContainerInstances.Put(Scope.Partition, $"default/{ec2InstanceId}", new Aws.Generated.Ecs.ContainerInstance { Ec2InstanceId = ec2InstanceId, Status = status }, 0)],
            None);

    /// <summary>How many ELBv2 documents the store holds (to show a failed call wrote nothing).</summary>
    public async Task<int> CountAsync()
    {
        var count = 0;
        foreach (var kind in new[] { Store.LoadBalancers.Kind, Store.Listeners.Kind, Store.Rules.Kind, Store.TargetGroups.Kind, Store.Targets.Kind })
        {
            count += (await Store.Store.ListAsync(kind, Scope.Partition, new ListQuery { Limit = 1000 }, None)).Items.Count;
        }

        return count;
    }

    public async ValueTask DisposeAsync() => await Store.Store.DisposeAsync();

    /// <summary>Every port free except those a test marks busy.</summary>
    public sealed class BusyPorts : IPortProbe
    {
        public HashSet<int> Busy { get; } = [];

        public bool IsFree(int port) => !Busy.Contains(port);
    }

    /// <summary>Observations a test sets per target group.</summary>
    public sealed class SetHealth : ITargetHealthSource
    {
        public Dictionary<string, List<TargetHealthObservation>> Observations { get; } = [];

        public IReadOnlyList<TargetHealthObservation> Observe(string targetGroupArn) => Observations.GetValueOrDefault(targetGroupArn) ?? [];
    }
}
