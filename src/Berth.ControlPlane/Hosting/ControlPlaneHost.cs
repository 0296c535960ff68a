using Berth.Aws.Edge;
using Berth.ControlPlane.Agents;
using Berth.ControlPlane.Ecr.Registry;
using Berth.ControlPlane.Identity;
using Berth.State.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Hosting;

/// <summary>Composes the control plane: the store, the APIs, authentication and the one edge port that serves them.</summary>
public static class ControlPlaneHost
{
    public static async Task<WebApplication> BuildAsync(ControlPlaneOptions options, CancellationToken cancellationToken)
    {
        var credentials = CredentialFile.LoadOrCreate(options.DataDir, options.AccountId);
        var store = await SqliteStore.OpenAsync(options.DatabasePath, cancellationToken).ConfigureAwait(false);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "berth" });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = AwsEdge.MaxBodyBytes + 1;
        });
        builder.WebHost.UseUrls($"http://{options.BindAddress}:{options.Port}");

        builder.Services.AddControlPlane(options, credentials, store);
        var app = builder.Build();
        await app.Services.GetRequiredService<InstanceCredentials>()
            .LoadAsync(credentials.AccountId, app.Services.GetRequiredService<InstanceCredentialCache>(), cancellationToken)
            .ConfigureAwait(false);
        await app.Services.GetRequiredService<AgentPresence>().ResetAsync(cancellationToken).ConfigureAwait(false);
        var edge = app.Services.GetRequiredService<AwsEdge>();
        app.UseWebSockets();
        app.MapGet("/health", () => Results.Text("ok"));
        app.MapAgents();
        app.Map(RegistryEndpoint.PathPrefix + "/{**path}", app.Services.GetRequiredService<RegistryEndpoint>().HandleAsync);
        app.MapFallback("{*path}", edge.HandleAsync);
        return app;
    }
}
