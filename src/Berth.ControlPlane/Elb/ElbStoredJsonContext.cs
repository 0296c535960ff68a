using System.Text.Json.Serialization;

namespace Berth.ControlPlane.Elb;

/// <summary>Serializes the ELBv2 documents the control plane stores.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredLoadBalancer))]
[JsonSerializable(typeof(StoredListener))]
[JsonSerializable(typeof(StoredRule))]
[JsonSerializable(typeof(StoredTargetGroup))]
[JsonSerializable(typeof(StoredTarget))]
internal sealed partial class ElbStoredJsonContext : JsonSerializerContext;
