using System.Text.Json.Nodes;

namespace Berth.EndToEnd.Tests.Infrastructure;

/// <summary>Short reads of the JSON a command printed, by dotted path ("clusters.0.status"); a missing step reads as null.</summary>
public static class JsonNodeExtensions
{
    public static JsonNode? At(this JsonNode? node, string path)
    {
        foreach (var step in path.Split('.'))
        {
            node = node switch
            {
                JsonArray array when int.TryParse(step, out var index) => index < array.Count ? array[index] : null,
                JsonObject obj => obj[step],
                _ => null,
            };
        }

        return node;
    }

    public static string? Str(this JsonNode? node, string path) => node.At(path)?.GetValue<string>();

    public static int Int(this JsonNode? node, string path) =>
        node.At(path)?.GetValue<int>() ?? throw new InvalidOperationException($"No number at '{path}'.");

    public static bool Has(this JsonNode? node, string path) => node.At(path) is not null;

    /// <summary>The strings of an array (empty when the path is missing).</summary>
    public static List<string> Strings(this JsonNode? node, string path) =>
        node.At(path) is JsonArray array ? array.Select(n => n!.GetValue<string>()).ToList() : [];

    public static List<JsonNode> Items(this JsonNode? node, string path) =>
        node.At(path) is JsonArray array ? array.Select(n => n!).ToList() : [];

    /// <summary>Tags ([{key, value}]) as a dictionary.</summary>
    public static Dictionary<string, string> Tags(this JsonNode? node, string path) =>
        node.Items(path).ToDictionary(t => t.Str("key")!, t => t.Str("value") ?? string.Empty);
}
