using System.Text.Json;

namespace Berth.Aws.Tests.Edge;

/// <summary>What the client saw.</summary>
internal sealed record EdgeResponse(int Status, string? ContentType, string? RequestId, string? ErrorType, string Body)
{
    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
    }

    /// <summary>The error body's <c>__type</c> and <c>message</c>.</summary>
    public (string? Type, string? Message) Error => (Json.GetProperty("__type").GetString(), Json.GetProperty("message").GetString());
}
