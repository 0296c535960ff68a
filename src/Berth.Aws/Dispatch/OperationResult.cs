using System.Text.Json.Serialization.Metadata;

namespace Berth.Aws.Dispatch;

/// <summary>A handler's response with the metadata its protocol needs to serialize it.</summary>
public sealed record OperationResult(object Value, JsonTypeInfo TypeInfo);
