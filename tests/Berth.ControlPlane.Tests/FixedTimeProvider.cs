namespace Berth.ControlPlane.Tests;

/// <summary>A clock the test moves by hand, so timestamps in responses are exact.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
