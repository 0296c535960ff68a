using System.Text.Json;
using Berth.Aws.Protocol;

namespace Berth.ControlPlane.Ecr;

/// <summary>Reads a policy document (lifecycle or repository policy) that must be one JSON object.</summary>
public static class PolicyJson
{
    /// <summary>The document's root object; <paramref name="invalid"/>'s error for text that is not JSON or not an object.</summary>
    public static JsonElement ParseObject(string text, Func<AwsException> invalid)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : throw invalid();
        }
        catch (JsonException)
        {
            throw invalid();
        }
    }
}
