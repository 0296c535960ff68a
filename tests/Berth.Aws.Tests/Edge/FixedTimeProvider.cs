namespace Berth.Aws.Tests.Edge;

/// <summary>A clock that always reads the same instant, so signatures made for that instant are always fresh.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
