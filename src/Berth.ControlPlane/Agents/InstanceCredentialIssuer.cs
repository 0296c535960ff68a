using System.Security.Cryptography;
using Berth.Aws.Auth;
using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Ecs.ContainerInstances;
using Berth.ControlPlane.Storage;
using Berth.Domain;
using Berth.State;

namespace Berth.ControlPlane.Agents;

/// <summary>Issues a container instance its own access key pair; issuing again revokes the previous pair in the same
/// transaction, so an instance has at most one key at any time.</summary>
public sealed class InstanceCredentialIssuer(InstanceCredentials credentials, InstanceCredentialCache cache, EcsStore ecs, TimeProvider time)
{
    private const string KeyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>Only a user of the instance's account may ask (an instance key cannot mint keys); the instance must be
    /// ACTIVE or DRAINING.</summary>
    public async Task<InstanceCredential> IssueAsync(Credential caller, string containerInstanceArn, CancellationToken cancellationToken)
    {
        if (caller.BoundContainerInstanceArn is not null)
        {
            throw AgentErrors.Forbidden(caller.PrincipalArn, "berth:IssueInstanceCredentials");
        }

        var (scope, reference) = Parse(containerInstanceArn, caller.AccountId);
        var instance = await ecs.ContainerInstances.GetAsync(
            scope.Partition, EcsStore.ContainerInstanceKey(reference.Cluster!, reference.Id), cancellationToken).ConfigureAwait(false);
        if (instance is null || !InstanceStatus.IsRegistered(instance.Value.Status))
        {
            throw AgentErrors.InstanceNotRegistered(containerInstanceArn);
        }

        var issued = new InstanceCredential
        {
            AccessKeyId = "ASIA" + RandomNumberGenerator.GetString(KeyAlphabet, 16),
            SecretAccessKey = RandomNumberGenerator.GetString(SecretAlphabet, 40),
            AccountId = caller.AccountId,
            ContainerInstanceArn = instance.Value.ContainerInstanceArn!,
            ContainerInstanceId = reference.Id,
            IssuedAt = time.GetUtcNow(),
        };
        var revoked = await Optimistic.RetryAsync(async () =>
        {
            var previous = new List<Versioned<InstanceCredential>>();
            await foreach (var stored in credentials.Documents.ScanAsync(caller.AccountId, null, cancellationToken).ConfigureAwait(false))
            {
                if (stored.Value.ContainerInstanceArn == issued.ContainerInstanceArn)
                {
                    previous.Add(stored);
                }
            }

            var ops = new List<WriteOp>(previous.Count + 1);
            ops.AddRange(previous.Select(p => credentials.Documents.Delete(caller.AccountId, p.Value.AccessKeyId, p.Version)));
            ops.Add(credentials.Documents.Put(caller.AccountId, issued.AccessKeyId, issued, 0));
            await credentials.Store.ApplyAsync(ops, cancellationToken).ConfigureAwait(false);
            return previous;
        }).ConfigureAwait(false);

        cache.Add(issued);
        foreach (var old in revoked)
        {
            cache.Remove(old.Value.AccessKeyId);
        }

        return issued;
    }

    /// <summary>Only the long ARN format names the cluster, which the instance's store key needs.</summary>
    private static (ResourceScope Scope, ContainerInstanceReference Reference) Parse(string arnText, string accountId)
    {
        if (Arn.TryParse(arnText, out var arn) && arn.Account == accountId)
        {
            var scope = new ResourceScope(arn.Account, arn.Region);
            if (ContainerInstanceReference.Parse(scope, arnText) is { Cluster: not null } reference)
            {
                return (scope, reference);
            }
        }

        throw AgentErrors.BadRequest($"'{arnText}' is not the ARN of a container instance of this account.");
    }
}
