using Berth.Aws.Generated.Ecs;
using Attribute = Berth.Aws.Generated.Ecs.Attribute;

namespace Berth.ControlPlane.Ecs.TaskDefinitions;

/// <summary>The container-instance attributes a task definition needs, derived from the features it uses, so placement can
/// send it only to agents that support them.</summary>
public static class RequiredAttributes
{
    public static List<Attribute> Of(TaskDefinition definition)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var containers = definition.ContainerDefinitions ?? [];
        if (definition.NetworkMode == NetworkMode.Awsvpc)
        {
            names.Add("ecs.capability.task-eni");
        }

        if (definition.TaskRoleArn is not null)
        {
            names.Add("com.amazonaws.ecs.capability.task-iam-role");
        }

        foreach (var container in containers)
        {
            AddContainerFeatures(container, definition, names);
        }

        return names.Select(n => new Attribute { Name = n }).ToList();
    }

    private static void AddContainerFeatures(ContainerDefinition container, TaskDefinition definition, SortedSet<string> names)
    {
        if (container.LogConfiguration?.LogDriver is { } driver)
        {
            names.Add($"com.amazonaws.ecs.capability.logging-driver.{driver}");
            if (driver == LogDriver.Awslogs && definition.ExecutionRoleArn is not null)
            {
                names.Add("ecs.capability.execution-role-awslogs");
            }
        }

        if (container.HealthCheck is not null)
        {
            names.Add("ecs.capability.container-health-check");
        }

        if (container.DependsOn is { Count: > 0 } || container.StartTimeout is not null || container.StopTimeout is not null)
        {
            names.Add("ecs.capability.container-ordering");
        }

        if (container.Privileged == true)
        {
            names.Add("com.amazonaws.ecs.capability.privileged-container");
        }

        if (container.DockerLabels is { Count: > 0 })
        {
            names.Add("com.amazonaws.ecs.capability.docker-remote-api.1.18");
        }

        if (container.MemoryReservation is not null)
        {
            names.Add("com.amazonaws.ecs.capability.docker-remote-api.1.21");
        }

        foreach (var secret in container.Secrets ?? [])
        {
            names.Add(secret.ValueFrom!.Contains(":secretsmanager:", StringComparison.Ordinal)
                ? "ecs.capability.secrets.asm.environment-variables"
                : "ecs.capability.secrets.ssm.environment-variables");
        }

        if (container.Image!.Contains(".dkr.ecr.", StringComparison.Ordinal))
        {
            names.Add("com.amazonaws.ecs.capability.ecr-auth");
            if (definition.ExecutionRoleArn is not null)
            {
                names.Add("ecs.capability.execution-role-ecr-pull");
            }
        }
    }
}
