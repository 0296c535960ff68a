using System.Text.Json;
using Berth.Aws.Generated.Ecs;
using Berth.Aws.Protocol.Json;

namespace Berth.Aws.Tests.Protocol.Json;

public sealed class EpochSecondsConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new EpochSecondsConverter() } };

    /// <summary>Instants (ISO 8601, UTC) and how the wire shows them: seconds, with milliseconds only when there are any.</summary>
    public static TheoryData<string, string> Written => new()
    {
        { "1970-01-01T00:00:00Z", "0" },
        { "2024-01-02T03:04:05Z", "1704164645" },
        { "2024-01-02T03:04:05.5Z", "1704164645.5" },
        { "2024-01-02T03:04:05.678Z", "1704164645.678" },
        { "2024-01-02T03:04:05.001Z", "1704164645.001" },
        { "2024-01-02T03:04:05.9999999Z", "1704164645.999" },
        { "2099-12-31T23:59:59.999Z", "4102444799.999" },
        { "1969-12-31T23:59:59.5Z", "-0.5" },
    };

    [Theory]
    [MemberData(nameof(Written))]
    public void Write_Instant_IsEpochSecondsWithMilliseconds(string instant, string expected) =>
        Assert.Equal(expected, JsonSerializer.Serialize(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), Options));

    [Theory]
    [InlineData("1704164645", "2024-01-02T03:04:05.000Z")]
    [InlineData("1704164645.678", "2024-01-02T03:04:05.678Z")]
    [InlineData("1704164645.001", "2024-01-02T03:04:05.001Z")]
    [InlineData("4102444799.999", "2099-12-31T23:59:59.999Z")]
    [InlineData("1.5e9", "2017-07-14T02:40:00.000Z")]
    [InlineData("-62135596800", "0001-01-01T00:00:00.000Z")]
    [InlineData("253402300799", "9999-12-31T23:59:59.000Z")]
    [InlineData("\"2024-01-02T03:04:05.678Z\"", "2024-01-02T03:04:05.678Z")]
    [InlineData("\"2024-01-02T05:04:05.678+02:00\"", "2024-01-02T03:04:05.678Z")]
    [InlineData("\"2024-01-02T03:04:05\"", "2024-01-02T03:04:05.000Z")]
    public void Read_EpochSecondsOrIso8601_IsTheExactInstant(string json, string expected)
    {
        var value = JsonSerializer.Deserialize<DateTimeOffset>(json, Options);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [MemberData(nameof(Written))]
    public void RoundTrip_AnyMillisecond_WritesTheSameSecondsAgain(string instant, string wire)
    {
        _ = instant;
        var read = JsonSerializer.Deserialize<DateTimeOffset>(wire, Options);

        Assert.Equal(wire, JsonSerializer.Serialize(read, Options));
        Assert.Equal(0, read.Ticks % TimeSpan.TicksPerMillisecond);
    }

    [Fact]
    public void RoundTrip_EveryMillisecondOfASecond_IsExact()
    {
        var start = new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.Zero);
        for (var ms = 0; ms < 1000; ms++)
        {
            var value = start.AddMilliseconds(ms);

            var read = JsonSerializer.Deserialize<DateTimeOffset>(JsonSerializer.Serialize(value, Options), Options);

            Assert.True(value == read, $"{ms} ms: wrote {JsonSerializer.Serialize(value, Options)}, read back {read:O}");
        }
    }

    [Fact]
    public void RoundTrip_MillisecondInstantsFrom1970To2100_AreExact()
    {
        var random = new Random(20261121);
        var end = new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        for (var i = 0; i < 100_000; i++)
        {
            var value = DateTimeOffset.FromUnixTimeMilliseconds(random.NextInt64(0, end));

            var wire = JsonSerializer.Serialize(value, Options);
            var read = JsonSerializer.Deserialize<DateTimeOffset>(wire, Options);

            Assert.True(value == read, $"wrote {value:O} as {wire}, read back {read:O}");
        }
    }

    [Theory]
    [InlineData("\"yesterday\"")]
    [InlineData("\"\"")]
    [InlineData("true")]
    [InlineData("1e300")]
    [InlineData("-1e20")]
    [InlineData("253402300800")]
    public void Read_NotATimestamp_ThrowsJsonException(string json) =>
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<DateTimeOffset>(json, Options));

    [Fact]
    public void GeneratedMember_TimestampWithConverter_ReadsAndWritesEpochSeconds()
    {
        var definition = JsonSerializer.Deserialize("""{"registeredAt": 1704164645.678, "deregisteredAt": null}""", EcsJsonContext.Default.TaskDefinition)!;

        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, 678, TimeSpan.Zero), definition.RegisteredAt);
        Assert.Null(definition.DeregisteredAt);
        Assert.Equal("""{"registeredAt":1704164645.678}""", JsonSerializer.Serialize(definition, EcsJsonContext.Default.TaskDefinition));
    }
}
