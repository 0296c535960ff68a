using System.Text.Json;
using Berth.Aws.Dispatch;

namespace Berth.ControlPlane.Agents;

/// <summary>Confines container instance keys to <see cref="InstanceAccessRule"/> (ECS), to log shipping (Logs) and to image
/// pulls (ECR); users' keys pass untouched.</summary>
public sealed class InstancePrincipalPolicy : IOperationPolicy
{
    public const string EcsSigningName = "ecs";

    public const string LogsSigningName = "logs";

    public const string EcrSigningName = "ecr";

    public void Authorize(AwsService service, RequestContext context, JsonElement input)
    {
        var bound = context.Principal.Credential.BoundContainerInstanceArn;
        if (bound is null)
        {
            return;
        }

        var allowed = service.Model.Metadata.SigningName switch
        {
            EcsSigningName => InstanceAccessRule.Allows(context.Operation.Name, input, bound),
            LogsSigningName => InstanceAccessRule.LogShippingOperations.Contains(context.Operation.Name),
            EcrSigningName => InstanceAccessRule.ImagePullOperations.Contains(context.Operation.Name),
            _ => false,
        };
        if (!allowed)
        {
            throw AgentErrors.AccessDenied(context.PrincipalArn, service.Model.Metadata.SigningName, context.Operation.Name);
        }
    }
}
