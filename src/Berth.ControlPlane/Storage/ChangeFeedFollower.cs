using Berth.State;

namespace Berth.ControlPlane.Storage;

/// <summary>Follows the store's change feed for one reader: finds the head, then waits for and hands on every change after
/// it, page by page. When the feed was trimmed past the reader, what it missed is unknown, so it is told to resync fully
/// before the changes that are still there.</summary>
public sealed class ChangeFeedFollower(IStore store)
{
    private const int PageSize = 256;

    /// <summary>The sequence of the newest change (reading forward, as the store offers no head lookup). Find it before
    /// reading the state the changes will update, so no change falls between the two.</summary>
    public async Task<long> HeadAsync(CancellationToken cancellationToken)
    {
        long cursor = 0;
        while (await store.ReadChangesAsync(cursor, PageSize, cancellationToken).ConfigureAwait(false) is { Count: > 0 } changes)
        {
            cursor = changes[^1].Sequence;
        }

        return cursor;
    }

    /// <summary>Hands every change after <paramref name="cursor"/> to <paramref name="changed"/>, in order, until cancelled;
    /// <paramref name="trimmed"/> runs first whenever changes were lost to trimming.</summary>
    public async Task FollowAsync(
        long cursor, Func<CancellationToken, ValueTask> trimmed, Func<Change, CancellationToken, ValueTask> changed, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await store.WaitForChangesAsync(cursor, cancellationToken).ConfigureAwait(false);
            while (await store.ReadChangesAsync(cursor, PageSize, cancellationToken).ConfigureAwait(false) is { Count: > 0 } changes)
            {
                if (changes[0].Sequence > cursor + 1)
                {
                    await trimmed(cancellationToken).ConfigureAwait(false);
                }

                foreach (var change in changes)
                {
                    await changed(change, cancellationToken).ConfigureAwait(false);
                }

                cursor = changes[^1].Sequence;
            }
        }
    }
}
