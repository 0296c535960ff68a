using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Ecr;
using Berth.ControlPlane.Ecr.Repositories;
using Berth.ControlPlane.Ecs;

namespace Berth.ControlPlane.Ecr.Policies;

/// <summary>SetRepositoryPolicy, GetRepositoryPolicy and DeleteRepositoryPolicy. The text is validated before it is stored and is
/// answered back exactly as set; <see cref="RepositoryAccess"/> honours it on every later request.</summary>
public sealed class RepositoryPolicyHandlers(RepositoryResolver resolver)
{
    private const string SetAction = EcrArns.Service + ":SetRepositoryPolicy";

    public async ValueTask<SetRepositoryPolicyResponse> SetRepositoryPolicy(RequestContext context, SetRepositoryPolicyRequest request, CancellationToken cancellationToken)
    {
        var text = request.PolicyText!;
        var policy = RepositoryPolicyParser.Parse(text);
        if (request.Force != true && RepositoryPolicyEvaluator.Evaluate(policy, context.PrincipalArn, SetAction) == PolicyDecision.Deny)
        {
            // ECR's guard against locking oneself out: such a policy needs force.
            throw EcrErrors.InvalidParameter(
                "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'The policy would prevent you from setting a policy on this repository again; use force to set it anyway'");
        }

        await resolver.UpdateAsync(context, request.RegistryId, request.RepositoryName!, r => r with { RepositoryPolicy = text }, cancellationToken).ConfigureAwait(false);
        return new SetRepositoryPolicyResponse { RegistryId = context.AccountId, RepositoryName = request.RepositoryName, PolicyText = text };
    }

    public async ValueTask<GetRepositoryPolicyResponse> GetRepositoryPolicy(RequestContext context, GetRepositoryPolicyRequest request, CancellationToken cancellationToken)
    {
        var name = request.RepositoryName!;
        var repository = await resolver.RequireAsync(context, request.RegistryId, name, cancellationToken).ConfigureAwait(false);
        return new GetRepositoryPolicyResponse
        {
            RegistryId = context.AccountId,
            RepositoryName = name,
            PolicyText = repository.Value.RepositoryPolicy ?? throw EcrErrors.RepositoryPolicyNotFound(context.Scope(), name),
        };
    }

    public async ValueTask<DeleteRepositoryPolicyResponse> DeleteRepositoryPolicy(
        RequestContext context, DeleteRepositoryPolicyRequest request, CancellationToken cancellationToken)
    {
        var name = request.RepositoryName!;
        var before = await resolver.UpdateAsync(context, request.RegistryId, name, r => r.RepositoryPolicy is null
            ? throw EcrErrors.RepositoryPolicyNotFound(context.Scope(), name)
            : r with { RepositoryPolicy = null }, cancellationToken).ConfigureAwait(false);
        return new DeleteRepositoryPolicyResponse { RegistryId = context.AccountId, RepositoryName = name, PolicyText = before.RepositoryPolicy };
    }
}
