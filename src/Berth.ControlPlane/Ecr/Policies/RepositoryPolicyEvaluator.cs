using System.Text.RegularExpressions;
using Berth.Domain;

namespace Berth.ControlPlane.Ecr.Policies;

/// <summary>What a repository policy says of a principal calling an action, by IAM's rules for resource policies: a matching
/// Deny wins, else a matching Allow allows, else the policy has no opinion.</summary>
/// <remarks>A principal matches "*"; its account (an id, or <c>arn:aws:iam::id:root</c>, which stands for every principal of the
/// account); its exact ARN; and an assumed-role session matches its role's ARN (<c>arn:aws:iam::id:role/name</c>).</remarks>
public static class RepositoryPolicyEvaluator
{
    public static PolicyDecision Evaluate(RepositoryPolicy policy, string principalArn, string action)
    {
        var matching = policy.Statements.Where(s => s.Principals.Any(p => PrincipalMatches(p, principalArn)) && s.Actions.Any(a => ActionMatches(a, action))).ToList();
        return matching.Any(s => s.Effect == PolicyEffect.Deny) ? PolicyDecision.Deny
            : matching.Count > 0 ? PolicyDecision.Allow
            : PolicyDecision.NoOpinion;
    }

    public static bool ActionMatches(string pattern, string action) =>
        pattern == "*" || Regex.IsMatch(action, "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    private static bool PrincipalMatches(string pattern, string principalArn)
    {
        if (pattern == "*" || string.Equals(pattern, principalArn, StringComparison.Ordinal))
        {
            return true;
        }

        if (!Arn.TryParse(principalArn, out var caller))
        {
            return false;
        }

        if (pattern == caller.Account || pattern == $"arn:aws:iam::{caller.Account}:root")
        {
            return true;
        }

        // arn:aws:sts::id:assumed-role/<role>/<session> is a session of arn:aws:iam::id:role/<role>.
        var parts = caller.Resource.Split('/');
        return caller.Service == "sts" && parts is ["assumed-role", var role, ..] && pattern == $"arn:aws:iam::{caller.Account}:role/{role}";
    }
}
