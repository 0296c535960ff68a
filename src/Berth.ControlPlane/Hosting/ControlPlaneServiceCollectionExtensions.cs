using Berth.Aws.Auth;
using Berth.Aws.Edge;
using Berth.ControlPlane.Agents;
using Berth.ControlPlane.Controllers;
using Berth.ControlPlane.Ecr;
using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Ecs.Services.Scheduling;
using Berth.ControlPlane.Elb;
using Berth.ControlPlane.Identity;
using Berth.ControlPlane.Logs;
using Berth.LoadBalancing;
using Berth.State;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Hosting;

/// <summary>Registers everything the control plane serves with: the store, authentication, the edge and every API.</summary>
public static class ControlPlaneServiceCollectionExtensions
{
    public static IServiceCollection AddControlPlane(this IServiceCollection services, ControlPlaneOptions options, AccountCredentials credentials, IStore store)
    {
        services.AddSingleton(options);
        services.AddSingleton(credentials);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(store);
        services.AddSingleton<AdminCredentialSource>();
        services.AddSingleton<ICredentialSource, CredentialSources>();
        services.AddSingleton(new SigV4Options { AcceptAnyCredentials = options.AcceptAnyCredentials, DefaultAccountId = credentials.AccountId });
        services.AddSingleton<SigV4Verifier>();
        services.AddSingleton<AwsEdge>();
        services.AddEcs();
        services.AddLogs(options.LogsDatabasePath);
        services.AddEcr(new EcrOptions { DataDir = options.DataDir, RegistryHost = options.RegistryHostOrDefault });
        services.AddElb();
        services.AddLoadBalancerDataPlane(new LoadBalancerDataPlaneOptions { StateDirectory = options.HaproxyStateDirectory });
        services.AddAgents(new AgentChannelOptions { HeartbeatInterval = options.AgentHeartbeatInterval });
        services.AddServiceScheduler(new ServiceControllerOptions { Scheduler = new SchedulerSettings(options.ServiceHealthyAfter) });
        services.AddStoppedTaskSweeper();
        return services;
    }
}
