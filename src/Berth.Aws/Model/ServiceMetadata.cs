namespace Berth.Aws.Model;

/// <summary>What identifies a service on the wire: protocol, JSON target prefix, SigV4 signing name.</summary>
public sealed record ServiceMetadata(
    string ServiceId,
    string Protocol,
    string ApiVersion,
    string EndpointPrefix,
    string SigningName,
    string? TargetPrefix,
    string? JsonVersion)
{
    /// <summary>The namespace of awsQuery's XML responses; null for other protocols.</summary>
    public string? XmlNamespace { get; init; }
}
