using Berth.Aws.Generated.Ecs;

namespace Berth.ControlPlane.Ecs.TaskDefinitions;

/// <summary>A task definition revision as stored: ECS's own shape (kept whole, as registered) and its tags.</summary>
public sealed record StoredTaskDefinition(TaskDefinition Definition, List<Tag> Tags);
