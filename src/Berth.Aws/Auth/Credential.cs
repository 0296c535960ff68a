namespace Berth.Aws.Auth;

/// <summary>An access key pair and the principal it authenticates as.</summary>
/// <param name="BoundContainerInstanceArn">For a container instance's own key: the instance it acts for; null for users.</param>
public sealed record Credential(string AccessKeyId, string SecretAccessKey, string AccountId, string PrincipalArn, string? BoundContainerInstanceArn = null);
