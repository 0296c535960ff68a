namespace Berth.ControlPlane.Logs;

/// <summary>A log group as stored (kind <c>logs.group</c>); its event statistics live with the events.</summary>
public sealed record StoredLogGroup
{
    public required string Name { get; init; }

    /// <summary>Epoch milliseconds.</summary>
    public required long CreationTime { get; init; }

    public int? RetentionInDays { get; init; }

    public string LogGroupClass { get; init; } = "STANDARD";

    public string? KmsKeyId { get; init; }

    public Dictionary<string, string> Tags { get; init; } = [];
}
