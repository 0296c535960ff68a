using System.Text.Json.Serialization;

namespace Berth.ControlPlane.Logs;

/// <summary>Serializes the Logs documents the control plane stores.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredLogGroup))]
[JsonSerializable(typeof(StoredLogStream))]
internal sealed partial class LogsStoredJsonContext : JsonSerializerContext;
