namespace Berth.ControlPlane.Logs;

/// <summary>A log stream as stored (kind <c>logs.stream</c>); its event statistics live with the events.</summary>
public sealed record StoredLogStream
{
    public required string Name { get; init; }

    /// <summary>Epoch milliseconds.</summary>
    public required long CreationTime { get; init; }
}
