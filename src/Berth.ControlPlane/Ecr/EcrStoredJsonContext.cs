using System.Text.Json.Serialization;

namespace Berth.ControlPlane.Ecr;

/// <summary>Serializes the ECR documents the control plane stores.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredRepository))]
[JsonSerializable(typeof(StoredImage))]
[JsonSerializable(typeof(StoredLayer))]
[JsonSerializable(typeof(StoredUpload))]
[JsonSerializable(typeof(StoredTag))]
public sealed partial class EcrStoredJsonContext : JsonSerializerContext;
