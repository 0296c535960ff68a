using Berth.ControlPlane.Elb;
using Berth.Domain;

namespace Berth.ControlPlane.Tests.Elb;

/// <summary>ELBv2 as the service scheduler sees it, in memory: target groups the test adds, targets registered as
/// <c>initial</c>, deregistered ones <c>draining</c> until the test lets them go, health the test sets, and every call recorded.</summary>
public sealed class FakeTargetRegistry : ITargetRegistry
{
    public const string LoadBalancerArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/front/1";

    private readonly Dictionary<string, TargetGroupFacts> groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<TargetRef, TargetHealthView>> targets = new(StringComparer.Ordinal);

    /// <summary>(Register or Deregister, group ARN, target), in call order.</summary>
    public List<(string Call, string Group, TargetRef Target)> Calls { get; } = [];

    public int Describes { get; private set; }

    public static string Arn(string name) => $"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/{name}/1";

    /// <summary>Adds a group of target type <paramref name="targetType"/>, behind a load balancer unless <paramref name="attached"/> is false.</summary>
    public string Add(string name, string targetType = "instance", bool attached = true)
    {
        var arn = Arn(name);
        groups[arn] = new TargetGroupFacts(arn, name, targetType, 80, attached ? [LoadBalancerArn] : [], 300);
        targets[arn] = [];
        return arn;
    }

    public IReadOnlyDictionary<TargetRef, TargetHealthView> In(string group) => targets[group];

    public void SetHealth(string group, TargetRef target, string state, string? reason = null, string? description = null) =>
        targets[group][target] = new TargetHealthView(target, state, reason, description);

    /// <summary>The deregistration delay is over: every draining target leaves the group.</summary>
    public void Drained(string group)
    {
        foreach (var target in targets[group].Where(t => t.Value.State == "draining").Select(t => t.Key).ToList())
        {
            targets[group].Remove(target);
        }
    }

    public Task<TargetGroupFacts?> FindTargetGroupAsync(ResourceScope scope, string targetGroupArn, CancellationToken cancellationToken) =>
        Task.FromResult(groups.GetValueOrDefault(targetGroupArn));

    public Task RegisterAsync(ResourceScope scope, string targetGroupArn, IReadOnlyList<TargetRef> targets, CancellationToken cancellationToken)
    {
        foreach (var target in targets)
        {
            Calls.Add(("Register", targetGroupArn, target));
            if (!this.targets[targetGroupArn].TryGetValue(target, out var known) || known.State == "draining")
            {
                SetHealth(targetGroupArn, target, "initial", "Elb.RegistrationInProgress");
            }
        }

        return Task.CompletedTask;
    }

    public Task DeregisterAsync(ResourceScope scope, string targetGroupArn, IReadOnlyList<TargetRef> targets, CancellationToken cancellationToken)
    {
        foreach (var target in targets)
        {
            Calls.Add(("Deregister", targetGroupArn, target));
            if (this.targets[targetGroupArn].ContainsKey(target))
            {
                SetHealth(targetGroupArn, target, "draining", "Target.DeregistrationInProgress");
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TargetHealthView>> DescribeAsync(ResourceScope scope, string targetGroupArn, CancellationToken cancellationToken)
    {
        Describes++;
        return Task.FromResult<IReadOnlyList<TargetHealthView>>([.. targets[targetGroupArn].Values]);
    }
}
