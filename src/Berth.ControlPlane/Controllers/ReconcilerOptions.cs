namespace Berth.ControlPlane.Controllers;

/// <summary>How many keys a <see cref="KeyedReconciler{TKey}"/> reconciles at once and how it backs off a failing key.</summary>
public sealed record ReconcilerOptions
{
    public int Workers { get; init; } = 4;

    /// <summary>The wait before the first retry of a failed pass; it doubles per further failure, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Workers, 1, nameof(Workers));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RetryDelay, TimeSpan.Zero, nameof(RetryDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetryDelay, RetryDelay, nameof(MaxRetryDelay));
    }

    /// <summary>The wait after the <paramref name="failures"/>-th failure in a row.</summary>
    public TimeSpan Backoff(int failures) =>
        TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, RetryDelay.Ticks * (1L << Math.Min(failures - 1, 20))));
}
