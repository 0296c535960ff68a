namespace Berth.Agent.Engine;

/// <summary>Which step of the dependent a dependency is checked for: START lets a dependent be created earlier than it may start.</summary>
internal enum DependencyGate
{
    /// <summary>Creating the dependent (and pulling its image, unless pulls go upfront).</summary>
    Create = 0,

    /// <summary>Starting the created dependent.</summary>
    Start = 1,
}
