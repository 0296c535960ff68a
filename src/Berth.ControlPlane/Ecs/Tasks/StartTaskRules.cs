using Berth.Aws.Generated.Ecs;

namespace Berth.ControlPlane.Ecs.Tasks;

/// <summary>What StartTask accepts before it places anything (the definition is checked as RunTask checks it).</summary>
public static class StartTaskRules
{
    public const int MaxInstances = 10;

    public static void Check(StartTaskRequest request)
    {
        if (request.ContainerInstances is not { Count: >= 1 and <= MaxInstances })
        {
            throw EcsErrors.InvalidParameter($"containerInstances must contain between 1 and {MaxInstances} items.");
        }

        if (request.StartedBy is { Length: > TaskErrors.MaxStartedBy })
        {
            throw TaskErrors.StartedBy();
        }

        if (request.NetworkConfiguration is not null)
        {
            throw TaskErrors.NotYetSupported("networkConfiguration");
        }
    }
}
