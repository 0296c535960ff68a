namespace Berth.ControlPlane.Agents;

/// <summary>A stored access key pair bound to one container instance (kind <c>iam.instance-credential</c>, keyed by
/// access key id, partition the account).</summary>
public sealed record InstanceCredential
{
    public required string AccessKeyId { get; init; }

    public required string SecretAccessKey { get; init; }

    public required string AccountId { get; init; }

    public required string ContainerInstanceArn { get; init; }

    /// <summary>The instance id (the ARN's last segment), which names the principal.</summary>
    public required string ContainerInstanceId { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }
}
