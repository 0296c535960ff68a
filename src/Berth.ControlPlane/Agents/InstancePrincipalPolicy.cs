using System.Text.Json;
using Berth.Aws.Dispatch;

namespace Berth.ControlPlane.Agents;

/// <summary>Confines container instance keys to <see cref="InstanceAccessRule"/>; users' keys pass untouched.</summary>
public sealed class InstancePrincipalPolicy : IOperationPolicy
{
    public const string EcsSigningName = "ecs";

    public void Authorize(AwsService service, RequestContext context, JsonElement input)
    {
        var bound = context.Principal.Credential.BoundContainerInstanceArn;
        if (bound is null)
        {
            return;
        }

        if (service.Model.Metadata.SigningName != EcsSigningName || !InstanceAccessRule.Allows(context.Operation.Name, input, bound))
        {
            throw AgentErrors.AccessDenied(context.PrincipalArn, context.Operation.Name);
        }
    }
}
