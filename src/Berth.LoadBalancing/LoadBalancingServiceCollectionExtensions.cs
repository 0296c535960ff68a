using Berth.LoadBalancing.Haproxy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Berth.LoadBalancing;

public static class LoadBalancingServiceCollectionExtensions
{
    /// <summary>Runs HAProxy as the load balancers' data plane and answers <see cref="ITargetHealthSource"/> from its health
    /// checks. The caller registers the <see cref="IProxyConfigurationSource"/> (the ELBv2 API's store).</summary>
    public static IServiceCollection AddLoadBalancerDataPlane(this IServiceCollection services, LoadBalancerDataPlaneOptions options)
    {
        options.Validate();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(new HaproxyPaths(Path.GetFullPath(options.StateDirectory)));
        services.AddSingleton(sp => new HaproxySupervisor(
            sp.GetRequiredService<HaproxyPaths>(),
            options.HaproxyPath,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<HaproxySupervisor>>()));
        services.AddSingleton<HaproxyHealthMonitor>();
        services.AddSingleton<ITargetHealthSource>(sp => sp.GetRequiredService<HaproxyHealthMonitor>());
        services.AddHostedService<LoadBalancerDataPlane>();
        return services;
    }
}
