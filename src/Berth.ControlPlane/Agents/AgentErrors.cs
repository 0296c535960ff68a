using Berth.Aws.Protocol;
using Microsoft.AspNetCore.Http;

namespace Berth.ControlPlane.Agents;

/// <summary>The errors of the agent endpoints and of the instance principal's authorization, each worded once.</summary>
public static class AgentErrors
{
    /// <summary>As IAM words it, the action named with the service's prefix (<c>ecs:RunTask</c>, <c>logs:DeleteLogGroup</c>).</summary>
    public static AwsException AccessDenied(string principalArn, string service, string operation) =>
        new("AccessDeniedException", $"User: {principalArn} is not authorized to perform: {service}:{operation}");

    public static AwsException Forbidden(string principalArn, string action) =>
        new("AccessDeniedException", $"User: {principalArn} is not authorized to perform: {action}", StatusCodes.Status403Forbidden);

    public static AwsException BadRequest(string message) => new("InvalidParameterException", message);

    public static AwsException InstanceNotRegistered(string arn) =>
        new("InvalidParameterException", $"The container instance '{arn}' is not registered (ACTIVE or DRAINING).");
}
