using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Berth.LoadBalancing.Tests.Integration;

/// <summary>A tiny HTTP target on a loopback ephemeral port: answers its name, and <c>/health</c> with a settable status.</summary>
internal sealed class TestTarget : IAsyncDisposable
{
    private readonly WebApplication app;

    private TestTarget(WebApplication app, string name, int port) => (this.app, Name, Port) = (app, name, port);

    public string Name { get; }

    public int Port { get; }

    public int HealthStatus { get; set; } = 200;

    public ProxyTarget AsTarget(bool draining = false) => new($"i-{Name}", Port, "127.0.0.1", draining);

    public static async Task<TestTarget> StartAsync(string name)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        TestTarget? target = null;
        app.Run(context =>
        {
            if (context.Request.Path == "/health")
            {
                context.Response.StatusCode = target!.HealthStatus;
                return Task.CompletedTask;
            }

            return context.Response.WriteAsync(name);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        target = new TestTarget(app, name, new Uri(address).Port);
        return target;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
