using Berth.AgentProtocol;
using Berth.Aws.Generated.Ecs;

namespace Berth.ControlPlane.Ecs.Tasks;

/// <summary>What RunTask accepts before it places anything, so bad input changes nothing.</summary>
public static class RunTaskRules
{
    /// <summary>The launch type to use (EC2 when none is given); refuses what Berth cannot run yet rather than ignoring it.</summary>
    public static string Check(RunTaskRequest request)
    {
        if (request.Count is < 1 or > TaskErrors.MaxCount)
        {
            throw TaskErrors.Count();
        }

        if (request.StartedBy is { Length: > TaskErrors.MaxStartedBy })
        {
            throw TaskErrors.StartedBy();
        }

        if (request.ClientToken is { Length: > RunTaskTokens.MaxLength })
        {
            throw RunTaskTokens.TooLong();
        }

        var launchType = request.LaunchType ?? LaunchType.Ec2;
        if (launchType is not (LaunchType.Ec2 or LaunchType.External))
        {
            throw TaskErrors.LaunchTypeNotSupported(launchType);
        }

        if (request.CapacityProviderStrategy is { Count: > 0 } || request.NetworkConfiguration is not null)
        {
            throw TaskErrors.NotYetSupported("capacityProviderStrategy and networkConfiguration");
        }

        return launchType;
    }

    /// <summary>Only ACTIVE revisions run, only with a launch type they are compatible with, and only when the agent can run
    /// every field they use (refused here so an unsupported field is never silently ignored on the instance).</summary>
    public static TaskDefinition EnsureRunnable(TaskDefinition definition, string launchType)
    {
        if (definition.Status != TaskDefinitionStatus.Active)
        {
            throw TaskErrors.TaskDefinitionInactive();
        }

        if (definition.Compatibilities?.Contains(launchType) != true)
        {
            throw TaskErrors.Incompatible(launchType);
        }

        var problems = RunnableTaskDefinition.Unsupported(definition);
        return problems.Count == 0 ? definition : throw TaskErrors.Unsupported(problems);
    }

    /// <summary>Overrides the agent cannot apply are refused too (after ECS's own checks of them, in <see cref="TaskOverrides"/>).</summary>
    public static void EnsureRunnable(TaskOverride? overrides, TaskDefinition definition)
    {
        var problems = RunnableTaskDefinition.UnsupportedOverrides(overrides, definition);
        if (problems.Count > 0)
        {
            throw TaskErrors.Unsupported(problems);
        }
    }

    /// <summary>The request's tags, after the task definition's when <c>propagateTags</c> is TASK_DEFINITION (the request's win).</summary>
    public static List<Tag> Tags(List<Tag>? requestTags, string? propagateTags, List<Tag> definitionTags)
    {
        var own = requestTags ?? [];
        return propagateTags == PropagateTags.TaskDefinition
            ? definitionTags.Where(t => own.All(o => o.Key != t.Key)).Concat(own).ToList()
            : own;
    }
}
