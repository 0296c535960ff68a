using Berth.Aws.Dispatch;
using Berth.Aws.Model;
using Berth.ControlPlane.Logs.Events;
using Berth.ControlPlane.Logs.Groups;
using Berth.ControlPlane.Logs.Retention;
using Berth.ControlPlane.Logs.Storage;
using Berth.ControlPlane.Logs.Streams;
using Berth.ControlPlane.Logs.Tagging;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Logs;

/// <summary>Registers the CloudWatch Logs API, its events database and its retention controller.</summary>
public static class LogsServiceCollectionExtensions
{
    /// <param name="eventsDatabasePath">The events database file (<c>logs.db</c> in the data dir).</param>
    public static IServiceCollection AddLogs(this IServiceCollection services, string eventsDatabasePath)
    {
        services.AddSingleton<ILogEventStore>(_ => SqliteLogEventStore.Open(eventsDatabasePath));
        services.AddSingleton<LogsStore>();
        services.AddSingleton<LogGroupResolver>();
        services.AddSingleton<LogGroupHandlers>();
        services.AddSingleton<LogStreamHandlers>();
        services.AddSingleton<LogEventHandlers>();
        services.AddSingleton<FilterLogEventsHandler>();
        services.AddSingleton<LogTagHandlers>();
        services.AddSingleton<LogRetentionSweeper>();
        services.AddHostedService<LogRetentionController>();
        services.AddSingleton<AwsService>(provider => LogsApi.Build(
            ServiceModel.LoadFile(LogsApi.ModelFile),
            provider.GetRequiredService<LogGroupHandlers>(),
            provider.GetRequiredService<LogStreamHandlers>(),
            provider.GetRequiredService<LogEventHandlers>(),
            provider.GetRequiredService<FilterLogEventsHandler>(),
            provider.GetRequiredService<LogTagHandlers>()));
        return services;
    }
}
