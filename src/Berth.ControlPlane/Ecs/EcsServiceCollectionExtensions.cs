using Berth.Aws.Dispatch;
using Berth.Aws.Model;
using Berth.ControlPlane.Ecs.AccountSettings;
using Berth.ControlPlane.Ecs.Attributes;
using Berth.ControlPlane.Ecs.Clusters;
using Berth.ControlPlane.Ecs.ContainerInstances;
using Berth.ControlPlane.Ecs.Services;
using Berth.ControlPlane.Ecs.Tagging;
using Berth.ControlPlane.Ecs.TaskDefinitions;
using Berth.ControlPlane.Ecs.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Berth.ControlPlane.Ecs;

/// <summary>Registers the ECS API and everything its handlers need.</summary>
public static class EcsServiceCollectionExtensions
{
    public static IServiceCollection AddEcs(this IServiceCollection services)
    {
        services.AddSingleton<EcsStore>();
        services.AddSingleton<ClusterResolver>();
        services.AddSingleton<TaskDefinitionResolver>();
        services.AddSingleton<AccountSettingResolver>();
        services.AddSingleton<ContainerInstanceResolver>();
        services.AddSingleton<TaskResolver>();
        services.AddSingleton<TaskPlacer>();
        services.AddSingleton<RunTaskHandler>();
        services.AddSingleton<TaskHandlers>();
        services.AddSingleton<TaskStateChangeHandlers>();
        services.AddSingleton<IIdSource, RandomIdSource>();
        services.AddSingleton<ClusterHandlers>();
        services.AddSingleton<TaskDefinitionHandlers>();
        services.AddSingleton<AccountSettingHandlers>();
        services.AddSingleton<ContainerInstanceRegistrationHandlers>();
        services.AddSingleton<ContainerInstanceHandlers>();
        services.AddSingleton<AttributeHandlers>();
        services.AddSingleton<PollEndpointHandlers>();
        services.AddSingleton<TagHandlers>();
        services.AddSingleton<ITagTarget, ClusterTagTarget>();
        services.AddSingleton<ITagTarget, TaskDefinitionTagTarget>();
        services.AddSingleton<ITagTarget, ContainerInstanceTagTarget>();
        services.AddSingleton<ITagTarget, TaskTagTarget>();
        services.AddSingleton<ServiceResolver>();
        services.AddSingleton<ServiceWrites>();
        services.TryAddSingleton<ServiceTargets>();
        services.AddSingleton<TaskProtections>();
        services.AddSingleton<ServiceHandlers>();
        services.AddSingleton<ServiceDeploymentHandlers>();
        services.AddSingleton<TaskProtectionHandlers>();
        services.AddSingleton<ITagTarget, ServiceTagTarget>();
        services.AddSingleton(_ => ServiceModel.LoadFile(EcsApi.ModelFile));
        services.AddSingleton<AwsService>(provider => EcsApi.Build(
            provider.GetRequiredService<ServiceModel>(),
            provider.GetRequiredService<ClusterHandlers>(),
            provider.GetRequiredService<TaskDefinitionHandlers>(),
            provider.GetRequiredService<TagHandlers>(),
            provider.GetRequiredService<AccountSettingHandlers>(),
            provider.GetRequiredService<ContainerInstanceRegistrationHandlers>(),
            provider.GetRequiredService<ContainerInstanceHandlers>(),
            provider.GetRequiredService<AttributeHandlers>(),
            provider.GetRequiredService<PollEndpointHandlers>(),
            provider.GetRequiredService<RunTaskHandler>(),
            provider.GetRequiredService<TaskHandlers>(),
            provider.GetRequiredService<TaskStateChangeHandlers>(),
            provider.GetRequiredService<ServiceHandlers>(),
            provider.GetRequiredService<ServiceDeploymentHandlers>(),
            provider.GetRequiredService<TaskProtectionHandlers>()));
        return services;
    }
}
