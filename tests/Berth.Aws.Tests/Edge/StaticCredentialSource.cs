using Berth.Aws.Auth;

namespace Berth.Aws.Tests.Edge;

/// <summary>The credentials an edge under test knows, fixed at construction.</summary>
internal sealed class StaticCredentialSource(params Credential[] credentials) : ICredentialSource
{
    public Credential? Find(string accessKeyId) => credentials.FirstOrDefault(c => c.AccessKeyId == accessKeyId);
}
