using System.Text.Json.Serialization;

namespace Berth.ControlPlane.Identity;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AccountCredentials))]
internal sealed partial class IdentityJsonContext : JsonSerializerContext;
