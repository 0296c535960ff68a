namespace Berth.ControlPlane.Controllers;

/// <summary>Brings one key's state one step towards what is desired, reading it afresh each time (level-triggered: a wake-up
/// says only which key to look at, never what changed).</summary>
/// <typeparam name="TKey">What a pass is about, e.g. one service.</typeparam>
public interface IReconciler<in TKey>
{
    /// <summary>Returns when to look again if nothing wakes the key before (at or before now: at once), or null to wait for a
    /// wake-up. A pass that throws is retried after a short backoff.</summary>
    ValueTask<DateTimeOffset?> ReconcileAsync(TKey key, CancellationToken cancellationToken);
}
