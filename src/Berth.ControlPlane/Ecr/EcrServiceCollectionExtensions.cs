using Berth.Aws.Dispatch;
using Berth.Aws.Model;
using Berth.ControlPlane.Ecr.Auth;
using Berth.ControlPlane.Ecr.Images;
using Berth.ControlPlane.Ecr.Layers;
using Berth.ControlPlane.Ecr.Lifecycle;
using Berth.ControlPlane.Ecr.Policies;
using Berth.ControlPlane.Ecr.Registry;
using Berth.ControlPlane.Ecr.Repositories;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Ecr;

/// <summary>Registers the ECR API, the registry (<see cref="RegistryEndpoint"/>, mapped under /v2/ by the host) and its
/// housekeeping (lifecycle enforcement, blob garbage collection, abandoned uploads).</summary>
public static class EcrServiceCollectionExtensions
{
    public static IServiceCollection AddEcr(this IServiceCollection services, EcrOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<EcrStore>();
        services.AddSingleton(_ => new BlobStore(options.BlobRoot));
        services.AddSingleton(provider => new RegistryTokens(RegistryTokenKey.LoadOrCreate(options.DataDir), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<RepositoryResolver>();
        services.AddSingleton<ImageCatalog>();
        services.AddSingleton<BlobUploads>();
        services.AddSingleton<RegistryAuthenticator>();
        services.AddSingleton<RegistryEndpoint>();
        services.AddSingleton<RepositoryHandlers>();
        services.AddSingleton<RepositoryTagHandlers>();
        services.AddSingleton<AuthorizationHandlers>();
        services.AddSingleton<ImageHandlers>();
        services.AddSingleton<LayerHandlers>();
        services.AddSingleton<LifecycleWakeup>();
        services.AddSingleton<LifecycleHandlers>();
        services.AddSingleton<LifecycleEnforcer>();
        services.AddSingleton<RepositoryPolicyHandlers>();
        services.AddSingleton<BlobCollector>();
        services.AddHostedService<EcrHousekeeping>();
        services.AddHostedService<UploadSweeper>();
        services.AddSingleton<AwsService>(provider => EcrApi.Build(
            ServiceModel.LoadFile(EcrApi.ModelFile),
            provider.GetRequiredService<RepositoryHandlers>(),
            provider.GetRequiredService<RepositoryTagHandlers>(),
            provider.GetRequiredService<AuthorizationHandlers>(),
            provider.GetRequiredService<ImageHandlers>(),
            provider.GetRequiredService<LayerHandlers>(),
            provider.GetRequiredService<LifecycleHandlers>(),
            provider.GetRequiredService<RepositoryPolicyHandlers>()));
        return services;
    }
}
