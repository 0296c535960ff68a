using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Berth.LoadBalancing.Haproxy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Berth.LoadBalancing.Tests.Integration;

/// <summary>The data plane as the control plane registers it (AddLoadBalancerDataPlane), fed by a settable configuration
/// source, running the real haproxy in a private directory.</summary>
internal sealed class DataPlaneHarness : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly IHostedService[] hosted;

    private DataPlaneHarness(string directory)
    {
        StateDirectory = directory;
        services = new ServiceCollection()
            .AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Information))
            .AddSingleton<IProxyConfigurationSource>(Source)
            .AddLoadBalancerDataPlane(new LoadBalancerDataPlaneOptions { StateDirectory = directory, ResyncInterval = TimeSpan.FromSeconds(2) })
            .BuildServiceProvider();
        hosted = services.GetServices<IHostedService>().ToArray();
    }

    public SettableConfigurationSource Source { get; } = new();

    public string StateDirectory { get; }

    public ITargetHealthSource Health => services.GetRequiredService<ITargetHealthSource>();

    internal HaproxySupervisor Supervisor => services.GetRequiredService<HaproxySupervisor>();

    public static async Task<DataPlaneHarness> StartAsync(ProxyConfiguration configuration)
    {
        var directory = Directory.CreateTempSubdirectory("berth-lb-").FullName;
        var harness = new DataPlaneHarness(directory);
        harness.Source.Set(configuration);
        foreach (var service in harness.hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        return harness;
    }

    /// <summary>A free loopback port for a listener (the OS picks it; it is released for HAProxy to bind).</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Polls until <paramref name="condition"/> holds; real processes take real time.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < timeout, $"timed out after {timeout.TotalSeconds} s waiting for: {what}");
            await Task.Delay(100);
        }
    }

    /// <summary>Stops the data plane as the host would on shutdown (the directory stays until disposed).</summary>
    public async Task StopAsync()
    {
        foreach (var service in hosted.Reverse())
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await services.DisposeAsync();
        Directory.Delete(StateDirectory, recursive: true);
    }
}
