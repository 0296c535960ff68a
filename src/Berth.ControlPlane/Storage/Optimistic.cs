using Berth.State;

namespace Berth.ControlPlane.Storage;

/// <summary>Runs a read-modify-write step again when another writer won the race, so concurrent requests never lose updates.</summary>
public static class Optimistic
{
    private const int MaxAttempts = 20;

    public static async ValueTask<T> RetryAsync<T>(Func<ValueTask<T>> attempt)
    {
        for (var tries = 1; ; tries++)
        {
            try
            {
                return await attempt().ConfigureAwait(false);
            }
            catch (ConcurrencyConflictException) when (tries < MaxAttempts)
            {
                // Someone else committed first: read again and retry on fresh state.
            }
        }
    }
}
