using Berth.Aws.Auth;
using Berth.ControlPlane.Agents;

namespace Berth.ControlPlane.Identity;

/// <summary>Every key Berth issued: the administrator's first, then the container instances' own.</summary>
public sealed class CredentialSources(AdminCredentialSource admin, InstanceCredentialCache instances) : ICredentialSource
{
    public Credential? Find(string accessKeyId) => admin.Find(accessKeyId) ?? instances.Find(accessKeyId);
}
