namespace Berth.Agent.Engine;

/// <summary>What a task or container should become; kept apart from the observed status so the engine can compare the two.</summary>
public enum DesiredStatus
{
    /// <summary>Run (and keep running).</summary>
    Running = 0,

    /// <summary>Stop, or never start; once stopped a task is never desired running again.</summary>
    Stopped = 1,
}
