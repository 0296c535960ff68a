using Berth.ControlPlane.Ecs.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Berth.ControlPlane.Controllers;

/// <summary>Registers the service scheduler: the controller that acts on the store without a request, and the pass it runs.</summary>
public static class ControllerServiceCollectionExtensions
{
    public static IServiceCollection AddServiceScheduler(this IServiceCollection services, ServiceControllerOptions options)
    {
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton(options.Scheduler);
        services.TryAddSingleton<ServiceWrites>();
        services.AddSingleton<OwnServiceWrites>();
        services.AddSingleton<DefinitionHealthChecks>();
        services.AddSingleton<ServiceSituationReader>();
        services.AddSingleton<ServiceDecisionApplier>();
        services.AddSingleton<IReconciler<ServiceKey>, ServiceReconciler>();
        services.AddSingleton<ServiceWakeups>();
        services.AddHostedService<ServiceController>();
        return services;
    }
}
