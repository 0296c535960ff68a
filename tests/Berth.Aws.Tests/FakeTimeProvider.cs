namespace Berth.Aws.Tests;

/// <summary>A clock the test sets by hand, so skew and expiry boundaries are exact.</summary>
internal sealed class FakeTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
