using System.Text.Json.Serialization;
using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Agents;
using Berth.ControlPlane.Ecs.TaskDefinitions;

namespace Berth.ControlPlane.Storage;

/// <summary>Serializes the documents the control plane stores; ECS resources keep their wire shape.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Cluster))]
[JsonSerializable(typeof(StoredTaskDefinition))]
[JsonSerializable(typeof(TaskDefinitionFamily))]
[JsonSerializable(typeof(Setting))]
[JsonSerializable(typeof(ContainerInstance))]
[JsonSerializable(typeof(InstanceCredential))]
[JsonSerializable(typeof(Berth.Aws.Generated.Ecs.Task))]
[JsonSerializable(typeof(Berth.ControlPlane.Ecs.Services.StoredService))]
public sealed partial class StoredJsonContext : JsonSerializerContext;
