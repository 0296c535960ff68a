namespace Berth.ControlPlane.Ecs.TaskDefinitions;

/// <summary>A family's revision counter: revisions keep counting up even after earlier ones are deregistered or deleted.</summary>
/// <param name="ActiveRevisions">How many revisions are ACTIVE, which decides the family's own ACTIVE/INACTIVE status.</param>
public sealed record TaskDefinitionFamily(string Name, int LastRevision, int ActiveRevisions);
