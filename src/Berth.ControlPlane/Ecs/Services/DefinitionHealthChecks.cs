using System.Collections.Concurrent;
using Berth.ControlPlane.Ecs.TaskDefinitions;
using Berth.Domain;

namespace Berth.ControlPlane.Ecs.Services;

/// <summary>Whether a task definition's health decides a task's health (an essential container has a health check),
/// remembered per ARN: a revision's containers never change.</summary>
public sealed class DefinitionHealthChecks(TaskDefinitionResolver definitions)
{
    private readonly ConcurrentDictionary<string, bool> known = new(StringComparer.Ordinal);

    public async ValueTask<bool> HasAsync(ResourceScope scope, string taskDefinitionArn, CancellationToken cancellationToken)
    {
        if (known.TryGetValue(taskDefinitionArn, out var has))
        {
            return has;
        }

        // A revision deleted (DeleteTaskDefinitions) while a task of it lives on tells nothing more: its health is not checked.
        var stored = await definitions.FindAsync(scope, taskDefinitionArn, cancellationToken).ConfigureAwait(false);
        return stored is not null
            && (known[taskDefinitionArn] = (stored.Value.Definition.ContainerDefinitions ?? []).Any(c => c.Essential != false && c.HealthCheck is not null));
    }
}
