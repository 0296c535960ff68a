using Berth.Agent.Docker;
using Microsoft.Extensions.Logging;

namespace Berth.Agent.Host;

/// <summary>Makes this host a registered container instance with a key of its own: re-attaches to the instance in the
/// identity file when the control plane still knows it, otherwise registers with the user's key and obtains a new key.</summary>
public sealed partial class InstanceEnrollment(EcsApiClient api, AgentOptions options, AgentIdentityFile file, ILogger logger)
{
    private const string DefaultCluster = "default";

    public async Task<AgentIdentity> EnrollAsync(DockerEngineInfo engine, CancellationToken ct)
    {
        var known = file.Load() is { } stored && stored.Cluster == options.Cluster ? stored : null;
        if (known is not null)
        {
            try
            {
                await api.RegisterContainerInstanceAsync(HostRegistration.Request(options, engine, known.ContainerInstanceArn), known.Key, ct).ConfigureAwait(false);
                LogReattached(logger, known.ContainerInstanceArn, options.Cluster);
                return known;
            }
            catch (AwsApiException e) when (e.IsPermanent)
            {
                // The key or the instance is gone (e.g. a new data dir on the control plane): start over with the user's key.
                LogReenrolling(logger, known.ContainerInstanceArn, e.Code);
            }
        }

        var arn = await RegisterAsync(engine, known?.ContainerInstanceArn, ct).ConfigureAwait(false);
        var issued = await api.IssueInstanceKeyAsync(arn, options.AdminKey, ct).ConfigureAwait(false);
        var identity = new AgentIdentity(options.Cluster, arn, issued.AccessKeyId, issued.SecretAccessKey);
        file.Save(identity);
        LogRegistered(logger, arn, options.Cluster);
        return identity;
    }

    /// <summary>Registers with the user's key, keeping the old ARN when the control plane accepts it. As the ECS agent does,
    /// the "default" cluster is created when it does not exist yet.</summary>
    private async Task<string> RegisterAsync(DockerEngineInfo engine, string? previousArn, CancellationToken ct)
    {
        if (previousArn is not null)
        {
            try
            {
                return await RegisterOnceAsync(engine, previousArn, ct).ConfigureAwait(false);
            }
            catch (AwsApiException e) when (e.IsPermanent && e.Code != "ClusterNotFoundException")
            {
                // That instance cannot come back: register a new one below.
            }
        }

        try
        {
            return await RegisterOnceAsync(engine, null, ct).ConfigureAwait(false);
        }
        catch (AwsApiException e) when (e.Code == "ClusterNotFoundException" && options.Cluster == DefaultCluster)
        {
            await api.CreateClusterAsync(DefaultCluster, options.AdminKey, ct).ConfigureAwait(false);
            return await RegisterOnceAsync(engine, null, ct).ConfigureAwait(false);
        }
    }

    private async Task<string> RegisterOnceAsync(DockerEngineInfo engine, string? arn, CancellationToken ct)
    {
        var response = await api.RegisterContainerInstanceAsync(HostRegistration.Request(options, engine, arn), options.AdminKey, ct).ConfigureAwait(false);
        return response.ContainerInstance?.ContainerInstanceArn
            ?? throw new AwsApiException(500, "ServerException", "RegisterContainerInstance answered no containerInstanceArn.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered container instance {ContainerInstanceArn} in cluster {Cluster}")]
    private static partial void LogRegistered(ILogger logger, string containerInstanceArn, string cluster);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-attached to container instance {ContainerInstanceArn} in cluster {Cluster}")]
    private static partial void LogReattached(ILogger logger, string containerInstanceArn, string cluster);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Container instance {ContainerInstanceArn} could not re-attach ({Code}); registering again")]
    private static partial void LogReenrolling(ILogger logger, string containerInstanceArn, string code);
}
