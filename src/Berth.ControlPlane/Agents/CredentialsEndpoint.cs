using System.Text.Json;
using Berth.AgentProtocol;
using Berth.Aws.Auth;
using Berth.Aws.Edge;
using Berth.Aws.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Agents;

/// <summary><c>POST /berth/agent/v1/credentials {"containerInstanceArn": ...}</c>, SigV4-signed for service <c>ecs</c> by a
/// user of the account: answers the instance's new key pair (see <see cref="InstanceCredentialIssuer"/>).</summary>
public sealed partial class CredentialsEndpoint(SigV4Verifier verifier, InstanceCredentialIssuer issuer, ILogger<CredentialsEndpoint> logger)
{
    public async Task HandleAsync(HttpContext http)
    {
        try
        {
            var body = await AwsEdge.ReadBodyAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
            var principal = verifier.Verify(AwsEdge.ToSigV4Request(http, body));
            if (principal.Service != AgentPaths.SigningService)
            {
                throw SigV4Errors.WrongService(AgentPaths.SigningService);
            }

            var arn = ReadArn(body);
            var issued = await issuer.IssueAsync(principal.Credential, arn, http.RequestAborted).ConfigureAwait(false);
            LogIssued(logger, issued.ContainerInstanceArn, issued.AccessKeyId);
            await http.Response.WriteAsJsonAsync(
                new CredentialsResponse(issued.AccessKeyId, issued.SecretAccessKey, issued.ContainerInstanceArn),
                AgentProtocolJsonContext.Default.CredentialsResponse,
                cancellationToken: http.RequestAborted).ConfigureAwait(false);
        }
        catch (AwsException error)
        {
            await WriteErrorAsync(http.Response, error).ConfigureAwait(false);
        }
    }

    public static Task WriteErrorAsync(HttpResponse response, AwsException error)
    {
        response.StatusCode = error.StatusCode;
        return response.WriteAsJsonAsync(new ErrorBody(error.Code, error.Message), AgentProtocolJsonContext.Default.ErrorBody);
    }

    private static string ReadArn(ReadOnlyMemory<byte> body)
    {
        try
        {
            var request = JsonSerializer.Deserialize(body.Span, AgentProtocolJsonContext.Default.CredentialsRequest);
            return string.IsNullOrEmpty(request?.ContainerInstanceArn)
                ? throw AgentErrors.BadRequest("containerInstanceArn is required.")
                : request.ContainerInstanceArn;
        }
        catch (JsonException)
        {
            throw new AwsException("SerializationException", "The body is not a JSON object with containerInstanceArn.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Issued access key {AccessKeyId} to container instance {ContainerInstanceArn}")]
    private static partial void LogIssued(ILogger logger, string containerInstanceArn, string accessKeyId);
}
