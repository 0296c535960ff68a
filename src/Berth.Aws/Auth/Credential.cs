namespace Berth.Aws.Auth;

/// <summary>An access key pair and the principal it authenticates as.</summary>
public sealed record Credential(string AccessKeyId, string SecretAccessKey, string AccountId, string PrincipalArn);
