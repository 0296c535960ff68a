using Berth.ControlPlane.Ecs.Services.Scheduling;

namespace Berth.ControlPlane.Controllers;

/// <summary>How the service controller runs: the scheduler's settings, and how often each service is looked at even when
/// nothing woke it (a safety net for a missed wake-up, never the way progress is made).</summary>
public sealed record ServiceControllerOptions
{
    public static readonly TimeSpan DefaultResyncInterval = TimeSpan.FromSeconds(30);

    public SchedulerSettings Scheduler { get; init; } = SchedulerSettings.Default;

    public TimeSpan ResyncInterval { get; init; } = DefaultResyncInterval;

    public ReconcilerOptions Reconciler { get; init; } = new();

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ResyncInterval, TimeSpan.Zero, nameof(ResyncInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(Scheduler.UncheckedHealthyAfter, TimeSpan.Zero, nameof(Scheduler.UncheckedHealthyAfter));
        Reconciler.Validate();
    }
}
