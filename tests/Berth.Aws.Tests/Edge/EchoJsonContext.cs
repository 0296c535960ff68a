using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Aws.Tests.Edge;

/// <summary>Lets a test handler take and answer raw JSON, for the Sample model that has no generated types.</summary>
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class EchoJsonContext : JsonSerializerContext;
