namespace Berth.Domain;

/// <summary>An Amazon Resource Name: <c>arn:partition:service:region:account:resource</c>.</summary>
public sealed record Arn(string Partition, string Service, string Region, string Account, string Resource)
{
    public const string AwsPartition = "aws";

    public static Arn For(string service, ResourceScope scope, string resource) =>
        new(AwsPartition, service, scope.Region, scope.AccountId, resource);

    /// <summary>Parses an ARN; the resource part may itself contain ':' (as in <c>task-definition/web:3</c>).</summary>
    public static bool TryParse(string? text, out Arn arn)
    {
        arn = null!;
        if (text is null || !text.StartsWith("arn:", StringComparison.Ordinal))
        {
            return false;
        }

        var parts = text.Split(':', 6);
        if (parts.Length != 6 || parts[1].Length == 0 || parts[2].Length == 0 || parts[5].Length == 0)
        {
            return false;
        }

        arn = new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]);
        return true;
    }

    /// <summary>The resource type of a <c>type/name</c> resource (e.g. <c>cluster</c>), or empty.</summary>
    public string ResourceType => Resource.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 ? Resource[..slash] : string.Empty;

    /// <summary>What follows the resource type (e.g. the cluster name).</summary>
    public string ResourceId => Resource.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 ? Resource[(slash + 1)..] : Resource;

    public override string ToString() => $"arn:{Partition}:{Service}:{Region}:{Account}:{Resource}";
}
