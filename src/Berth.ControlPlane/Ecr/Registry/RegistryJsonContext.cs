using System.Text.Json.Serialization;

namespace Berth.ControlPlane.Ecr.Registry;

/// <summary>The distribution API's JSON bodies.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(TagList))]
[JsonSerializable(typeof(RegistryErrors))]
public sealed partial class RegistryJsonContext : JsonSerializerContext;
