using System.Text.Json.Serialization;
using Berth.Aws.Generated.Ecs;

namespace Berth.ControlPlane.Ecs.Services;

/// <summary>Serializes the service deployment, service revision and task protection documents (kept beside the service code
/// rather than in the shared stored context).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ServiceDeployment))]
[JsonSerializable(typeof(ServiceRevision))]
[JsonSerializable(typeof(ProtectedTask))]
public sealed partial class ServiceRecordJsonContext : JsonSerializerContext;
