using System.Text.Json.Serialization;

namespace Berth.Aws.Dispatch;

/// <summary>The response of an operation without an output shape; serializes as <c>{}</c>.</summary>
public sealed record NoOutput
{
    public static readonly NoOutput Instance = new();
}

/// <summary>Serializes <see cref="NoOutput"/> without reflection, whatever the service's own JSON context holds.</summary>
[JsonSerializable(typeof(NoOutput))]
internal sealed partial class NoOutputJsonContext : JsonSerializerContext;
