using Berth.ControlPlane.Logs.Storage;

namespace Berth.ControlPlane.Logs.Retention;

/// <summary>One retention pass: in every account and region, deletes the events of each group with a retention policy that
/// are older than it. Streams stay, emptied, as AWS keeps them.</summary>
public sealed class LogRetentionSweeper(LogsStore store, ILogEventStore events, TimeProvider time)
{
    /// <returns>How many events were deleted.</returns>
    public async ValueTask<int> SweepAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var deleted = 0;
        foreach (var partition in await store.Store.ListPartitionsAsync(store.Groups.Kind, ct).ConfigureAwait(false))
        {
            await foreach (var group in store.Groups.ScanAsync(partition, null, ct).ConfigureAwait(false))
            {
                if (group.Value.RetentionInDays is { } days)
                {
                    var cutoff = (now - TimeSpan.FromDays(days)).ToUnixTimeMilliseconds();
                    deleted += await events.DeleteBeforeAsync(partition, group.Value.Name, cutoff, ct).ConfigureAwait(false);
                }
            }
        }

        return deleted;
    }
}
