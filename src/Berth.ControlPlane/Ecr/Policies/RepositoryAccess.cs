using Berth.Domain;

namespace Berth.ControlPlane.Ecr.Policies;

/// <summary>Honours a repository's policy for one request. Berth has no IAM: a caller's own account's keys may do anything, and
/// the only thing a repository policy can change for them is an explicit Deny, which refuses the call (the ECR API and the
/// registry alike). Requests from other accounts never reach a repository (registryId must be the caller's own).</summary>
public static class RepositoryAccess
{
    /// <summary>Throws AccessDeniedException when the repository's policy explicitly denies the principal the action.</summary>
    /// <param name="action">The IAM action, <c>ecr:Operation</c>.</param>
    public static void Check(ResourceScope scope, StoredRepository repository, string principalArn, string action)
    {
        if (repository.RepositoryPolicy is { } text && RepositoryPolicyEvaluator.Evaluate(RepositoryPolicyParser.Parse(text), principalArn, action) == PolicyDecision.Deny)
        {
            throw EcrErrors.ExplicitDeny(principalArn, action, EcrArns.Repository(scope, repository.Repository.RepositoryName!));
        }
    }
}
