using Berth.Aws.Protocol;

namespace Berth.ControlPlane.Ecr;

/// <summary>A failure of the image store: the ECR API answers it as the AWS exception it is, the registry with its OCI code.</summary>
public sealed class RegistryException(RegistryError error, string message) : AwsException(error.EcrCode, message)
{
    public RegistryError Error { get; } = error;
}
