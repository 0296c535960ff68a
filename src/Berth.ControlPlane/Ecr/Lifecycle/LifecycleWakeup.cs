using Berth.ControlPlane.Controllers;

namespace Berth.ControlPlane.Ecr.Lifecycle;

/// <summary>Lets PutLifecyclePolicy bring the next <see cref="EcrHousekeeping"/> pass forward instead of waiting out its interval.</summary>
public sealed class LifecycleWakeup : SweepSignal;
