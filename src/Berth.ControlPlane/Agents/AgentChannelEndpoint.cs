using Berth.AgentProtocol;
using Berth.Aws.Auth;
using Berth.Aws.Edge;
using Berth.Aws.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Agents;

/// <summary><c>GET /berth/agent/v1/ws?containerInstanceArn=...</c>: the agent's channel, a WebSocket opened with a SigV4
/// presigned query signed by the instance's own key (as ECS's ACS is). Every check happens before the upgrade, so a refused
/// client gets an HTTP error, not a socket.</summary>
public sealed partial class AgentChannelEndpoint(
    SigV4Verifier verifier, AgentPresence presence, TaskAssignmentFeed feed, InstanceTasks tasks, AgentChannelOptions options, TimeProvider time, ILogger<AgentChannelEndpoint> logger)
{
    /// <summary>The IAM action ECS's ACS channel is authorized as.</summary>
    public const string PollAction = "ecs:Poll";

    public async Task HandleAsync(HttpContext http)
    {
        string arn;
        try
        {
            arn = await AuthorizeAsync(http).ConfigureAwait(false);
        }
        catch (AwsException error)
        {
            await CredentialsEndpoint.WriteErrorAsync(http.Response, error).ConfigureAwait(false);
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        await presence.ConnectedAsync(arn, http.RequestAborted).ConfigureAwait(false);
        LogConnected(logger, arn);
        try
        {
            await new AgentSession(socket, arn, feed, tasks, options, time, logger).RunAsync(http.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            await presence.DisconnectedAsync(arn).ConfigureAwait(false);
            LogDisconnected(logger, arn);
        }
    }

    /// <summary>The instance the channel is for: the one named in the query, which must be the signing key's own and registered.</summary>
    private async Task<string> AuthorizeAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            throw new AwsException("InvalidParameterException", "The channel is a WebSocket; send an upgrade request.");
        }

        var principal = verifier.Verify(AwsEdge.ToSigV4Request(http, ReadOnlyMemory<byte>.Empty));
        if (principal.Service != AgentPaths.SigningService)
        {
            throw SigV4Errors.WrongService(AgentPaths.SigningService);
        }

        var named = http.Request.Query[AgentPaths.InstanceParameter].ToString();
        var bound = principal.Credential.BoundContainerInstanceArn;
        if (bound is null || !string.Equals(bound, named, StringComparison.Ordinal))
        {
            throw AgentErrors.Forbidden(principal.Credential.PrincipalArn, PollAction);
        }

        return await presence.IsRegisteredAsync(bound, http.RequestAborted).ConfigureAwait(false)
            ? bound
            : throw AgentErrors.InstanceNotRegistered(bound);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent of {ContainerInstanceArn} connected")]
    private static partial void LogConnected(ILogger logger, string containerInstanceArn);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent of {ContainerInstanceArn} disconnected")]
    private static partial void LogDisconnected(ILogger logger, string containerInstanceArn);
}
