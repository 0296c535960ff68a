using System.Text.Json.Serialization;

namespace Berth.Aws.Protocol.Json;

/// <summary>Serializes the extra members of error shapes (lists of strings, numbers) without reflection.</summary>
[JsonSerializable(typeof(object))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(long))]
internal sealed partial class ErrorJsonContext : JsonSerializerContext;
