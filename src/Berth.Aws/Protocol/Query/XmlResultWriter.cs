using System.Globalization;
using System.Text.Json;
using System.Xml;
using Berth.Aws.Model;

namespace Berth.Aws.Protocol.Query;

/// <summary>Writes a handler's result (its JSON form, shaped by the model) as awsQuery's XML: member names as elements, lists
/// as <c>member</c> children, maps as <c>entry</c>/<c>key</c>/<c>value</c>, timestamps in ISO 8601.</summary>
public static class XmlResultWriter
{
    public static void Structure(XmlWriter writer, Shape shape, JsonElement value)
    {
        foreach (var member in shape.Members)
        {
            if (!value.TryGetProperty(member.Name, out var memberValue) || memberValue.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (member.Target is { Type: ShapeType.List, Flattened: true })
            {
                foreach (var item in memberValue.EnumerateArray())
                {
                    Element(writer, member.WireName, member.Target.ListMember!, item);
                }

                continue;
            }

            Element(writer, member.WireName, member.Target, memberValue);
        }
    }

    private static void Element(XmlWriter writer, string name, Shape shape, JsonElement value)
    {
        writer.WriteStartElement(name);
        Content(writer, shape, value);
        writer.WriteEndElement();
    }

    private static void Content(XmlWriter writer, Shape shape, JsonElement value)
    {
        switch (shape.Type)
        {
            case ShapeType.Structure:
                Structure(writer, shape, value);
                break;
            case ShapeType.List:
                foreach (var item in value.EnumerateArray())
                {
                    Element(writer, shape.ListMemberWireName, shape.ListMember!, item);
                }

                break;
            case ShapeType.Map:
                foreach (var entry in value.EnumerateObject())
                {
                    writer.WriteStartElement("entry");
                    writer.WriteElementString(shape.MapKeyWireName, entry.Name);
                    Element(writer, shape.MapValueWireName, shape.MapValue!, entry.Value);
                    writer.WriteEndElement();
                }

                break;
            case ShapeType.Timestamp:
                writer.WriteString(Iso8601(value));
                break;
            case ShapeType.Boolean:
                writer.WriteString(value.GetBoolean() ? "true" : "false");
                break;
            default:
                writer.WriteString(value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText());
                break;
        }
    }

    /// <summary>The generated types carry timestamps as epoch seconds; awsQuery answers <c>2026-11-22T03:04:05.678Z</c>.</summary>
    private static string Iso8601(JsonElement value) => value.ValueKind == JsonValueKind.Number
        ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(value.GetDouble() * 1000)).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
        : value.GetString() ?? string.Empty;
}
