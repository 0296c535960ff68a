namespace Berth.Agent.Engine;

/// <summary>Where one dependsOn entry stands: the dependent proceeds, waits, or can never start.</summary>
internal enum DependencyOutcome
{
    /// <summary>Not met yet, but it still can be.</summary>
    Waiting = 0,

    /// <summary>Met: the dependent may take the gated step.</summary>
    Satisfied = 1,

    /// <summary>Can never be met: the dependent will never start and the task fails to start.</summary>
    Failed = 2,
}
