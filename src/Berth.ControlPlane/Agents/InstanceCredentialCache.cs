using System.Collections.Concurrent;
using Berth.Aws.Auth;

namespace Berth.ControlPlane.Agents;

/// <summary>Every instance key the store holds, in memory, so SigV4 verification never reads the store.</summary>
/// <remarks>One control plane process owns the store, so the issuer updating this cache after its commit keeps it exact;
/// loaded once at start (<see cref="InstanceCredentials.LoadAsync"/>).</remarks>
public sealed class InstanceCredentialCache : ICredentialSource
{
    private readonly ConcurrentDictionary<string, Credential> byKey = new(StringComparer.Ordinal);

    public Credential? Find(string accessKeyId) => byKey.GetValueOrDefault(accessKeyId);

    public void Add(InstanceCredential stored) => byKey[stored.AccessKeyId] = ToCredential(stored);

    public void Remove(string accessKeyId) => byKey.TryRemove(accessKeyId, out _);

    public static Credential ToCredential(InstanceCredential stored) => new(
        stored.AccessKeyId,
        stored.SecretAccessKey,
        stored.AccountId,
        InstancePrincipal.Arn(stored.AccountId, stored.ContainerInstanceId),
        stored.ContainerInstanceArn);
}
