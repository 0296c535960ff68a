using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Aws.Protocol.Json;

/// <summary>JSON protocols put timestamps on the wire as epoch seconds with a fractional part; clients may also send ISO 8601.</summary>
public sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
{
    /// <summary>DateTimeOffset.MinValue and (the whole seconds of) MaxValue, as epoch seconds.</summary>
    private const decimal MinEpochSeconds = -62135596800m;

    private const decimal MaxEpochSeconds = 253402300799m;

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            // Decimal keeps the digits the client sent: through a double, today's epoch seconds come out a few ticks off,
            // so an instant would no longer equal itself after a round trip (and could lose a millisecond when written back).
            if (reader.TryGetDecimal(out var seconds) && seconds is >= MinEpochSeconds and <= MaxEpochSeconds)
            {
                return DateTimeOffset.UnixEpoch.AddTicks((long)decimal.Round(seconds * TimeSpan.TicksPerSecond));
            }

            throw new JsonException("The number is not a timestamp in the range DateTimeOffset can hold.");
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
