using Berth.ControlPlane.Controllers;
using Berth.ControlPlane.Ecs.Services.Scheduling;
using Berth.ControlPlane.Hosting;
using Berth.ControlPlane.Identity;
using Berth.State.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Controllers;

/// <summary>The control plane's composition runs the service controller, with the scheduler settings from the options.</summary>
public sealed class ServiceSchedulerCompositionTests
{
    [Fact]
    public async Task AddControlPlane_RegistersTheServiceController_WithTheHealthyAfterFromTheOptions()
    {
        await using var store = await SqliteStore.OpenTemporaryAsync();
        var services = new ServiceCollection().AddLogging();
        services.AddControlPlane(
            new ControlPlaneOptions { DataDir = Path.GetTempPath(), ServiceHealthyAfter = TimeSpan.FromSeconds(2) },
            new AccountCredentials("123456789012", "AKIDTEST", "secret"),
            store);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.Contains(provider.GetServices<IHostedService>(), s => s is ServiceController);
        Assert.Equal(TimeSpan.FromSeconds(2), provider.GetRequiredService<SchedulerSettings>().UncheckedHealthyAfter);
        Assert.IsType<ServiceReconciler>(provider.GetRequiredService<IReconciler<Berth.ControlPlane.Ecs.Services.ServiceKey>>());
    }
}
