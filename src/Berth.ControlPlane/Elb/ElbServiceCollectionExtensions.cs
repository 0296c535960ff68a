using Berth.Aws.Dispatch;
using Berth.Aws.Model;
using Berth.ControlPlane.Elb.Listeners;
using Berth.ControlPlane.Elb.LoadBalancers;
using Berth.ControlPlane.Elb.Proxy;
using Berth.ControlPlane.Elb.Rules;
using Berth.ControlPlane.Elb.Tagging;
using Berth.ControlPlane.Elb.TargetGroups;
using Berth.ControlPlane.Elb.Targets;
using Berth.LoadBalancing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Berth.ControlPlane.Elb;

/// <summary>Registers the ELBv2 API, the drained-target sweeper and the two seams other parts use: the proxy configuration
/// (for the data plane) and the target registry (for ECS services). Needs AddEcs (container instances, ids).</summary>
public static class ElbServiceCollectionExtensions
{
    public static IServiceCollection AddElb(this IServiceCollection services)
    {
        services.AddSingleton<ElbStore>();
        services.AddSingleton<ElbResources>();
        services.AddSingleton<ElbIds>();
        services.AddSingleton<IPortProbe, LoopbackPortProbe>();
        services.AddSingleton<ListenerPorts>();
        services.AddSingleton<ActionReader>();
        services.AddSingleton<LiveTargets>();
        services.AddSingleton<InstanceTargets>();
        services.AddSingleton<TargetRegistrations>();
        services.AddSingleton<TargetAddresses>();
        // The data plane registers the proxy's health source; until it does (or if it registers before this), nothing is observed.
        services.TryAddSingleton<ITargetHealthSource, NoTargetHealthObservations>();
        services.AddSingleton<IProxyConfigurationSource, ElbProxyConfigurationSource>();
        services.AddSingleton<ITargetRegistry, ElbTargetRegistry>();
        services.AddSingleton<LoadBalancerHandlers>();
        services.AddSingleton<TargetGroupHandlers>();
        services.AddSingleton<ListenerHandlers>();
        services.AddSingleton<RuleHandlers>();
        services.AddSingleton<TargetHandlers>();
        services.AddSingleton<ElbTagHandlers>();
        services.AddHostedService<TargetDrainSweeper>();
        services.AddSingleton<AwsService>(provider => Elbv2Api.Build(
            ServiceModel.LoadFile(Elbv2Api.ModelFile),
            provider.GetRequiredService<LoadBalancerHandlers>(),
            provider.GetRequiredService<TargetGroupHandlers>(),
            provider.GetRequiredService<ListenerHandlers>(),
            provider.GetRequiredService<RuleHandlers>(),
            provider.GetRequiredService<TargetHandlers>(),
            provider.GetRequiredService<ElbTagHandlers>()));
        return services;
    }
}
