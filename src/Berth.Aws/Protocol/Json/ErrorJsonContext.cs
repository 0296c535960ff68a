using System.Text.Json.Serialization;

namespace Berth.Aws.Protocol.Json;

/// <summary>Serializes the extra members of error shapes (strings, lists of strings, numbers, booleans) without reflection.</summary>
[JsonSerializable(typeof(object))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(bool))]
internal sealed partial class ErrorJsonContext : JsonSerializerContext;
