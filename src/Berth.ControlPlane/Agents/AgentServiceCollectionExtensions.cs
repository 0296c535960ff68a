using Berth.AgentProtocol;
using Berth.Aws.Dispatch;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Agents;

/// <summary>Registers and maps the agent side of the control plane: instance keys, their policy, the channel and the feed of task assignments it carries.</summary>
public static class AgentServiceCollectionExtensions
{
    public static IServiceCollection AddAgents(this IServiceCollection services, AgentChannelOptions options)
    {
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton<InstanceCredentials>();
        services.AddSingleton<InstanceCredentialCache>();
        services.AddSingleton<InstanceCredentialIssuer>();
        services.AddSingleton<IOperationPolicy, InstancePrincipalPolicy>();
        services.AddSingleton<AgentPresence>();
        services.AddSingleton<CredentialsEndpoint>();
        services.AddSingleton<TaskAssignmentFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<TaskAssignmentFeed>());
        services.AddSingleton<InstanceTasks>();
        services.AddSingleton<AgentChannelEndpoint>();
        return services;
    }

    /// <summary>Maps the agent endpoints; call before the AWS fallback route.</summary>
    public static IEndpointRouteBuilder MapAgents(this IEndpointRouteBuilder app)
    {
        var credentials = app.ServiceProvider.GetRequiredService<CredentialsEndpoint>();
        var channel = app.ServiceProvider.GetRequiredService<AgentChannelEndpoint>();
        app.MapPost(AgentPaths.Credentials, credentials.HandleAsync);
        app.MapGet(AgentPaths.Channel, channel.HandleAsync);
        return app;
    }
}
