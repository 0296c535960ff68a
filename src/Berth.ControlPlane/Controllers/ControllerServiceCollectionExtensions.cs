using Berth.ControlPlane.Ecs.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Berth.ControlPlane.Controllers;

/// <summary>Registers the controllers that act on the store without a request: the service scheduler (with the pass it runs)
/// and the sweeper of expired stopped tasks.</summary>
public static class ControllerServiceCollectionExtensions
{
    public static IServiceCollection AddStoppedTaskSweeper(this IServiceCollection services) =>
        services.AddHostedService<StoppedTaskSweeper>();

    public static IServiceCollection AddServiceScheduler(this IServiceCollection services, ServiceControllerOptions options)
    {
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton(options.Scheduler);
        services.TryAddSingleton<ServiceWrites>();
        services.AddSingleton<OwnServiceWrites>();
        services.AddSingleton<DefinitionHealthChecks>();
        services.TryAddSingleton<ServiceTargets>();
        services.AddSingleton<ServiceSituationReader>();
        services.AddSingleton<ServiceDecisionApplier>();
        services.AddSingleton<IReconciler<ServiceKey>, ServiceReconciler>();
        services.AddSingleton<ServiceWakeups>();
        services.AddHostedService<ServiceController>();
        return services;
    }
}
