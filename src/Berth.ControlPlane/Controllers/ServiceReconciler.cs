using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Ecs.Services;
using Berth.ControlPlane.Ecs.Services.Scheduling;
using Berth.ControlPlane.Storage;

namespace Berth.ControlPlane.Controllers;

/// <summary>One pass of the service scheduler: read the service's situation, let <see cref="ServiceStep"/> decide one step,
/// commit it at the versions read (a conflict reads and decides again on fresh state), then make its target group changes
/// and place its launches.</summary>
/// <param name="decide">The scheduler (<see cref="ServiceStep.Decide"/>; tests give their own).</param>
public sealed class ServiceReconciler(
    ServiceSituationReader reader, ServiceDecisionApplier applier, ServiceTargets targets, IIdSource ids, TimeProvider time,
    ServiceControllerOptions options, Func<ServiceSituation, IIdSource, ServiceDecision>? decide = null)
    : IReconciler<ServiceKey>
{
    private readonly Func<ServiceSituation, IIdSource, ServiceDecision> decide = decide ?? ServiceStep.Decide;

    /// <summary>A pass that changed something looks again at once (the scheduler takes one step per pass, and its own writes
    /// do not wake it); one that changed nothing waits for a wake-up, the decision's WakeAt, or the resync, whichever is first.
    /// A service that is not stored is not looked at again until it changes.</summary>
    public async ValueTask<DateTimeOffset?> ReconcileAsync(ServiceKey key, CancellationToken cancellationToken)
    {
        var committed = await Optimistic.RetryAsync(async () =>
        {
            if (await reader.ReadAsync(key, cancellationToken).ConfigureAwait(false) is not { } reading)
            {
                return null;
            }

            var decision = decide(reading.Situation, ids);
            var wrote = await applier.CommitAsync(reading, decision, cancellationToken).ConfigureAwait(false);
            return (Reading: reading, Decision: decision, Wrote: wrote) as (ServiceReading Reading, ServiceDecision Decision, bool Wrote)?;
        }).ConfigureAwait(false);
        if (committed is not var (read, decision, wrote))
        {
            return null;
        }

        await targets.ApplyAsync(key.Scope, decision, cancellationToken).ConfigureAwait(false);
        var placed = await applier.LaunchAsync(read, decision, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (wrote || placed > 0)
        {
            return now;
        }

        var resync = now + options.ResyncInterval;
        return decision.WakeAt is { } wake && wake < resync ? wake : resync;
    }
}
