namespace Berth.Aws.Auth;

/// <summary>Looks up the secret behind an access key id; returns null for keys Berth never issued.</summary>
public interface ICredentialSource
{
    Credential? Find(string accessKeyId);
}
