using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Aws.Protocol.Json;

/// <summary>JSON protocols put timestamps on the wire as epoch seconds with a fractional part; clients may also send ISO 8601.</summary>
public sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(reader.GetDouble() * TimeSpan.TicksPerSecond));
        }

        var text = reader.GetString();
        if (text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        throw new JsonException($"'{text}' is not a timestamp.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        var milliseconds = value.ToUnixTimeMilliseconds();
        writer.WriteNumberValue(milliseconds / 1000m);
    }
}
