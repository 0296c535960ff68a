using System.Collections.Frozen;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Berth.Aws.Model;

/// <summary>An AWS service model (botocore's JSON format, structure only) loaded into linked shapes and operations.</summary>
public sealed class ServiceModel
{
    private ServiceModel(ServiceMetadata metadata, FrozenDictionary<string, Shape> shapes, FrozenDictionary<string, Operation> operations)
    {
        Metadata = metadata;
        Shapes = shapes;
        Operations = operations;
    }

    public ServiceMetadata Metadata { get; }

    public FrozenDictionary<string, Shape> Shapes { get; }

    public FrozenDictionary<string, Operation> Operations { get; }

    /// <summary>Loads a model from the file name under the models/ folder copied beside the executable.</summary>
    public static ServiceModel LoadFile(string fileName) =>
        Load(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "models", fileName)));

    public static ServiceModel Load(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        var metadata = ReadMetadata(root.GetProperty("metadata"));
        var shapeElements = root.GetProperty("shapes");

        var shapes = new Dictionary<string, Shape>(StringComparer.Ordinal);
        foreach (var element in shapeElements.EnumerateObject())
        {
            shapes[element.Name] = new Shape(element.Name, ParseType(element.Value.GetProperty("type").GetString()!));
        }

        foreach (var element in shapeElements.EnumerateObject())
        {
            Link(shapes[element.Name], element.Value, shapes);
        }

        var operations = new Dictionary<string, Operation>(StringComparer.Ordinal);
        foreach (var element in root.GetProperty("operations").EnumerateObject())
        {
            var op = element.Value;
            var http = op.TryGetProperty("http", out var h) ? h : default;
            operations[element.Name] = new Operation(
                element.Name,
                op.TryGetProperty("input", out var input) ? shapes[input.GetProperty("shape").GetString()!] : null,
                op.TryGetProperty("output", out var output) ? shapes[output.GetProperty("shape").GetString()!] : null,
                op.TryGetProperty("errors", out var errors) ? errors.EnumerateArray().Select(e => e.GetProperty("shape").GetString()!).ToArray() : [],
                http.ValueKind == JsonValueKind.Object && http.TryGetProperty("method", out var m) ? m.GetString()! : "POST",
                http.ValueKind == JsonValueKind.Object && http.TryGetProperty("requestUri", out var u) ? u.GetString()! : "/")
            {
                ResultWrapper = op.TryGetProperty("output", out var wrapped) && wrapped.TryGetProperty("resultWrapper", out var wrapper) ? wrapper.GetString() : null,
            };
        }

        return new ServiceModel(metadata, shapes.ToFrozenDictionary(StringComparer.Ordinal), operations.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static ServiceMetadata ReadMetadata(JsonElement metadata)
    {
        string? Optional(string name) => metadata.TryGetProperty(name, out var value) ? value.GetString() : null;
        var endpointPrefix = Optional("endpointPrefix")!;
        return new ServiceMetadata(
            Optional("serviceId") ?? endpointPrefix,
            Optional("protocol")!,
            Optional("apiVersion")!,
            endpointPrefix,
            Optional("signingName") ?? endpointPrefix,
            Optional("targetPrefix"),
            Optional("jsonVersion"))
        {
            XmlNamespace = Optional("xmlNamespace"),
        };
    }

    private static ShapeType ParseType(string type) => type switch
    {
        "structure" => ShapeType.Structure,
        "list" => ShapeType.List,
        "map" => ShapeType.Map,
        "string" => ShapeType.String,
        "integer" => ShapeType.Integer,
        "long" => ShapeType.Long,
        "boolean" => ShapeType.Boolean,
        "double" => ShapeType.Double,
        "float" => ShapeType.Float,
        "timestamp" => ShapeType.Timestamp,
        "blob" => ShapeType.Blob,
        _ => throw new InvalidDataException($"Unknown shape type '{type}'."),
    };

    /// <summary>Models carry Java-flavoured patterns; the rare one .NET cannot parse is skipped rather than failing the whole model.</summary>
    private static Regex? CompilePattern(string pattern)
    {
        try
        {
            return new Regex($"^(?:{pattern})$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string WireNameOr(JsonElement reference, string fallback) =>
        reference.TryGetProperty("locationName", out var name) ? name.GetString()! : fallback;

    private static void Link(Shape shape, JsonElement element, Dictionary<string, Shape> shapes)
    {
        Shape Target(JsonElement reference) => shapes[reference.GetProperty("shape").GetString()!];

        if (element.TryGetProperty("members", out var members))
        {
            var list = members.EnumerateObject()
                .Select(m => new Member(m.Name, Target(m.Value), m.Value.TryGetProperty("locationName", out var wire) ? wire.GetString()! : m.Name))
                .ToArray();
            shape.Members = list;
            shape.MembersByWireName = list.ToFrozenDictionary(m => m.WireName, StringComparer.Ordinal);
        }

        if (element.TryGetProperty("required", out var required))
        {
            var names = required.EnumerateArray().Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal);
            shape.RequiredMembers = shape.Members.Where(m => names.Contains(m.Name)).ToArray();
        }

        if (element.TryGetProperty("member", out var member))
        {
            shape.ListMember = Target(member);
            shape.ListMemberWireName = WireNameOr(member, "member");
        }

        if (element.TryGetProperty("key", out var key))
        {
            shape.MapKey = Target(key);
            shape.MapValue = Target(element.GetProperty("value"));
            shape.MapKeyWireName = WireNameOr(key, "key");
            shape.MapValueWireName = WireNameOr(element.GetProperty("value"), "value");
        }

        shape.Min = element.TryGetProperty("min", out var min) ? min.GetDouble() : null;
        shape.Max = element.TryGetProperty("max", out var max) ? max.GetDouble() : null;
        if (element.TryGetProperty("pattern", out var pattern))
        {
            shape.PatternText = pattern.GetString()!;
            shape.Pattern = CompilePattern(shape.PatternText);
        }

        if (element.TryGetProperty("enum", out var values))
        {
            shape.EnumValues = values.EnumerateArray().Select(v => v.GetString()!).ToArray();
            shape.Enum = shape.EnumValues.ToFrozenSet(StringComparer.Ordinal);
        }

        shape.Flattened = element.TryGetProperty("flattened", out var flattened) && flattened.GetBoolean();
        shape.IsDocument = element.TryGetProperty("document", out _);
        shape.IsException = element.TryGetProperty("exception", out _);
    }
}
