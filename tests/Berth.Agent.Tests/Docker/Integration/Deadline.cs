namespace Berth.Agent.Tests.Docker.Integration;

/// <summary>Bounds an engine test, so a broken engine fails the test instead of hanging the run.</summary>
internal static class Deadline
{
    public static CancellationTokenSource After(int seconds) => new(TimeSpan.FromSeconds(seconds));

    /// <summary>Polls <paramref name="probe"/> every 100 ms until it gives a value or the token ends.</summary>
    public static async Task<T> PollAsync<T>(Func<CancellationToken, Task<T?>> probe, string what, CancellationToken cancellationToken)
        where T : class
    {
        while (true)
        {
            if (await probe(cancellationToken) is { } value)
            {
                return value;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Gave up waiting for {what}.");
            }
        }
    }
}
