using Berth.Aws.Protocol;
using Berth.Domain;

namespace Berth.ControlPlane.Ecr;

/// <summary>The ECR API errors Berth answers with, each worded as ECR words it.</summary>
public static class EcrErrors
{
    public static AwsException InvalidParameter(string message) => new("InvalidParameterException", message);

    public static AwsException RepositoryAlreadyExists(ResourceScope scope, string name) => new(
        "RepositoryAlreadyExistsException", $"The repository with name '{name}' already exists in the registry with id '{scope.AccountId}'");

    public static RegistryException RepositoryNotFound(ResourceScope scope, string name) => new(
        RegistryError.NameUnknown, $"The repository with name '{name}' does not exist in the registry with id '{scope.AccountId}'");

    public static AwsException RepositoryNotEmpty(ResourceScope scope, string name) => new(
        "RepositoryNotEmptyException",
        $"The repository with name '{name}' in registry with id '{scope.AccountId}' cannot be deleted because it still contains images");

    public static AwsException ImageAlreadyExists(ResourceScope scope, string name, string digest, string? tag) => new(
        "ImageAlreadyExistsException",
        $"Image with digest '{digest}' and tag '{tag ?? "null"}' already exists in the repository with name '{name}' in registry with id '{scope.AccountId}'");

    public static AwsException ImageNotFound(ResourceScope scope, string name, Aws.Generated.Ecr.ImageIdentifier id) => new(
        "ImageNotFoundException",
        $"The image with imageId {{imageDigest:'{id.ImageDigest ?? "null"}', imageTag:'{id.ImageTag ?? "null"}'}} does not exist within the repository with name '{name}' in the registry with id '{scope.AccountId}'");

    public static AwsException ImageDigestDoesNotMatch(string given, string actual) => new(
        "ImageDigestDoesNotMatchException", $"Provided digest '{given}' does not match the digest of the image manifest '{actual}'.");

    public static AwsException UploadNotFound(ResourceScope scope, string name, string uploadId) => new(
        "UploadNotFoundException",
        $"Upload with id '{uploadId}' is not found in the repository with name '{name}' in registry with id '{scope.AccountId}'");

    public static AwsException InvalidLayerPart(string uploadId, long lastValidByte, string message) => new("InvalidLayerPartException", message)
    {
        Extra = new Dictionary<string, object?> { ["uploadId"] = uploadId, ["lastValidByteReceived"] = lastValidByte },
    };

    public static AwsException LayerAlreadyExists(ResourceScope scope, string name, string digest) => new(
        "LayerAlreadyExistsException",
        $"The layer with digest '{digest}' already exists in the repository with name '{name}' in registry with id '{scope.AccountId}'");

    public static AwsException InvalidLayer(string message) => new("InvalidLayerException", message);

    public static AwsException EmptyUpload(string uploadId) => new("EmptyUploadException", $"The upload with id '{uploadId}' has no layer parts.");

    public static AwsException LayersNotFound(ResourceScope scope, string name, string digest) => new(
        "LayersNotFoundException",
        $"The layer with digest '{digest}' does not exist in the repository with name '{name}' in registry with id '{scope.AccountId}'");

    public static AwsException InvalidNextToken() => InvalidParameter("Invalid parameter at 'nextToken' failed to satisfy constraint: 'Invalid nextToken'");

    public static AwsException LifecyclePolicyNotFound(ResourceScope scope, string name) => new(
        "LifecyclePolicyNotFoundException",
        $"Lifecycle policy does not exist for the repository with name '{name}' in the registry with id '{scope.AccountId}'");

    public static AwsException LifecyclePolicyPreviewNotFound(ResourceScope scope, string name) => new(
        "LifecyclePolicyPreviewNotFoundException",
        $"There is no lifecycle policy preview for the repository with name '{name}' in the registry with id '{scope.AccountId}'");

    public static AwsException RepositoryPolicyNotFound(ResourceScope scope, string name) => new(
        "RepositoryPolicyNotFoundException",
        $"Repository policy does not exist for the repository with name '{name}' in the registry with id '{scope.AccountId}'");

    /// <summary>A repository policy that is not one ECR accepts; ECR's text, then what is wrong with it.</summary>
    public static AwsException InvalidRepositoryPolicy(string detail) =>
        InvalidParameter($"Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository policy provided: {detail}'");

    /// <summary>As IAM words a refusal by a resource policy's explicit Deny.</summary>
    public static AwsException ExplicitDeny(string principalArn, string action, string repositoryArn) => new(
        "AccessDeniedException",
        $"User: {principalArn} is not authorized to perform: {action} on resource: {repositoryArn} with an explicit deny in a resource-based policy");
}
