using System.Globalization;
using System.Text.Json;
using Berth.Aws.Model;

namespace Berth.Aws.Protocol.Query;

/// <summary>Turns an awsQuery form into the JSON document the model's input shape describes (member names as properties,
/// timestamps as epoch seconds), so validation and the typed handlers are the same for every protocol.</summary>
public static class QueryInputReader
{
    public static void Write(Utf8JsonWriter writer, QueryForm form, Shape input, string validationErrorCode) =>
        new Walk(form, validationErrorCode).Structure(writer, input, prefix: null);

    private sealed class Walk(QueryForm form, string validationErrorCode)
    {
        public void Structure(Utf8JsonWriter writer, Shape shape, string? prefix)
        {
            writer.WriteStartObject();
            foreach (var member in shape.Members)
            {
                var key = prefix is null ? member.WireName : $"{prefix}.{member.WireName}";
                if (form.Has(key))
                {
                    writer.WritePropertyName(member.Name);
                    Value(writer, member.Target, key);
                }
            }

            writer.WriteEndObject();
        }

        private void Value(Utf8JsonWriter writer, Shape shape, string key)
        {
            switch (shape.Type)
            {
                case ShapeType.Structure:
                    Structure(writer, shape, key);
                    break;
                case ShapeType.List:
                    List(writer, shape, key);
                    break;
                case ShapeType.Map:
                    Map(writer, shape, key);
                    break;
                default:
                    Scalar(writer, shape, key, form[key] ?? string.Empty);
                    break;
            }
        }

        /// <summary><c>key.member.1</c>, <c>key.member.2</c>, … (or <c>key.1</c> when flattened); <c>key=</c> alone is an empty list.</summary>
        private void List(Utf8JsonWriter writer, Shape shape, string key)
        {
            var itemPrefix = shape.Flattened ? key : $"{key}.{shape.ListMemberWireName}";
            writer.WriteStartArray();
            for (var index = 1; form.Has($"{itemPrefix}.{index}"); index++)
            {
                Value(writer, shape.ListMember!, $"{itemPrefix}.{index}");
            }

            writer.WriteEndArray();
        }

        /// <summary><c>key.entry.N.key</c> / <c>key.entry.N.value</c> (without <c>entry</c> when flattened).</summary>
        private void Map(Utf8JsonWriter writer, Shape shape, string key)
        {
            var entryPrefix = shape.Flattened ? key : $"{key}.entry";
            writer.WriteStartObject();
            for (var index = 1; form.Has($"{entryPrefix}.{index}"); index++)
            {
                var entry = $"{entryPrefix}.{index}";
                writer.WritePropertyName(form[$"{entry}.{shape.MapKeyWireName}"] ?? string.Empty);
                Value(writer, shape.MapValue!, $"{entry}.{shape.MapValueWireName}");
            }

            writer.WriteEndObject();
        }

        private void Scalar(Utf8JsonWriter writer, Shape shape, string key, string text)
        {
            switch (shape.Type)
            {
                case ShapeType.Integer or ShapeType.Long:
                    writer.WriteNumberValue(long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) ? whole : throw NotA(key, text, "an integer"));
                    break;
                case ShapeType.Double or ShapeType.Float:
                    writer.WriteNumberValue(double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real) ? real : throw NotA(key, text, "a number"));
                    break;
                case ShapeType.Boolean:
                    writer.WriteBooleanValue(bool.TryParse(text, out var flag) ? flag : throw NotA(key, text, "true or false"));
                    break;
                case ShapeType.Timestamp:
                    writer.WriteNumberValue(EpochSeconds(key, text));
                    break;
                default:
                    writer.WriteStringValue(text);
                    break;
            }
        }

        /// <summary>awsQuery sends ISO 8601; epoch seconds are accepted too, as AWS's parsers do.</summary>
        private double EpochSeconds(string key, string text)
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
            {
                return seconds;
            }

            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                ? time.ToUnixTimeMilliseconds() / 1000.0
                : throw NotA(key, text, "an ISO 8601 timestamp");
        }

        private AwsException NotA(string key, string text, string what) =>
            new(validationErrorCode, $"Value '{text}' at '{key}' failed to satisfy constraint: Member must be {what}.");
    }
}
