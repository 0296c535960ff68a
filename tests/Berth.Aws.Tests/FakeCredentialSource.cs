using Berth.Aws.Auth;

namespace Berth.Aws.Tests;

/// <summary>A fixed set of credentials that records every lookup, so tests can see whether the key was consulted.</summary>
internal sealed class FakeCredentialSource(params Credential[] credentials) : ICredentialSource
{
    private readonly Dictionary<string, Credential> _byKey = credentials.ToDictionary(c => c.AccessKeyId);

    public List<string> Lookups { get; } = [];

    public Credential? Find(string accessKeyId)
    {
        Lookups.Add(accessKeyId);
        return _byKey.GetValueOrDefault(accessKeyId);
    }
}
