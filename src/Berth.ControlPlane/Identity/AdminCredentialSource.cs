using Berth.Aws.Auth;

namespace Berth.ControlPlane.Identity;

/// <summary>The credentials Berth knows: for now the data dir's administrator, who acts as the account's root user.</summary>
public sealed class AdminCredentialSource(AccountCredentials admin) : ICredentialSource
{
    private readonly Credential credential = new(
        admin.AccessKeyId, admin.SecretAccessKey, admin.AccountId, $"arn:aws:iam::{admin.AccountId}:root");

    public Credential? Find(string accessKeyId) =>
        string.Equals(accessKeyId, admin.AccessKeyId, StringComparison.Ordinal) ? credential : null;
}
